namespace BulkMailer.Core.Jobs;

/// <summary>
/// One mail to one recipient: the SQS message body of the mail-jobs queue (docs/contract.md §2, Mail job).
/// <see cref="JobId"/> is the idempotency key.
/// </summary>
public sealed record MailJob
{
    public required string JobId { get; init; }
    public string? CampaignId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public IReadOnlyList<string>? ReplyTo { get; init; }
    public string? Subject { get; init; }
    public string? Text { get; init; }
    public string? Html { get; init; }
    public MailTemplate? Template { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
    public string? ConfigurationSet { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
