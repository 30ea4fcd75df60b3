namespace BulkMailer.Ses.Model;

/// <summary>The default content of a bulk send: always a template.</summary>
public sealed class BulkEmailContent
{
    public Template? Template { get; set; }
}
