namespace BulkMailer.Ses.Model;

/// <summary>Exactly one of <see cref="Simple"/> or <see cref="Template"/> (raw MIME is not used by this project).</summary>
public sealed class EmailContent
{
    public Message? Simple { get; set; }

    public Template? Template { get; set; }
}
