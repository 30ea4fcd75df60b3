namespace BulkMailer.Ses.Model;

/// <summary>Text and/or HTML body of simple content.</summary>
public sealed class Body
{
    public Content? Text { get; set; }

    public Content? Html { get; set; }
}
