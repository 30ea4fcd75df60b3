namespace BulkMailer.Ses.Model;

/// <summary>One destination of a bulk send, with its replacement template data, tags and headers.</summary>
public sealed class BulkEmailEntry
{
    public Destination? Destination { get; set; }

    public List<MessageTag>? ReplacementTags { get; set; }

    public ReplacementEmailContent? ReplacementEmailContent { get; set; }

    public List<MessageHeader>? ReplacementHeaders { get; set; }
}
