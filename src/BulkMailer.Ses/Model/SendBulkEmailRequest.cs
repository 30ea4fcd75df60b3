namespace BulkMailer.Ses.Model;

/// <summary>
/// SES v2 <c>SendBulkEmail</c> request (<c>POST /v2/email/outbound-bulk-emails</c>): one template, up to
/// <see cref="MaxEntries"/> destinations with per-destination data and tags. Shaped like the SDK's type.
/// </summary>
public sealed class SendBulkEmailRequest
{
    /// <summary>The API's limit of entries per call.</summary>
    public const int MaxEntries = 50;

    public string? FromEmailAddress { get; set; }

    public List<string>? ReplyToAddresses { get; set; }

    public BulkEmailContent? DefaultContent { get; set; }

    public List<MessageTag>? DefaultEmailTags { get; set; }

    public List<BulkEmailEntry>? BulkEmailEntries { get; set; }

    public string? ConfigurationSetName { get; set; }
}
