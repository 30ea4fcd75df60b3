namespace BulkMailer.Ses.Model;

/// <summary>
/// SES v2 <c>SendEmail</c> request (<c>POST /v2/email/outbound-emails</c>). Property names are the API's JSON
/// member names and match AWSSDK.SimpleEmailV2's <c>SendEmailRequest</c>, so callers can move to the SDK later.
/// </summary>
public sealed class SendEmailRequest
{
    public string? FromEmailAddress { get; set; }

    public Destination? Destination { get; set; }

    public List<string>? ReplyToAddresses { get; set; }

    public EmailContent? Content { get; set; }

    public List<MessageTag>? EmailTags { get; set; }

    public string? ConfigurationSetName { get; set; }

    public string? FeedbackForwardingEmailAddress { get; set; }
}
