namespace BulkMailer.Ses.Model;

/// <summary>One extra MIME header (e.g. List-Unsubscribe). The caller validates values: no CR/LF.</summary>
public sealed class MessageHeader
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
