namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>The mail an <see cref="SesEventJson"/> event is about: what SES puts in the event's <c>mail</c> object.</summary>
/// <param name="MessageId">SES's message id (what the SES v2 SendEmail call returned).</param>
/// <param name="Recipient">The one destination address.</param>
/// <param name="Timestamp">When SES accepted the mail.</param>
public sealed record SesEventMail(string MessageId, string Recipient, DateTimeOffset Timestamp)
{
    /// <summary>The job id, written as the <c>bulkmailer-job</c> tag exactly as the sender tags its mails; null for no tag.</summary>
    public string? JobId { get; init; }

    public string Source { get; init; } = "sender@example.com";

    public string ConfigurationSet { get; init; } = "bulkmailer-events";

    public string SendingAccountId { get; init; } = "123456789012";

    /// <summary>Further message tags, as given to SendEmail (name → value).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
