namespace BulkMailer.Core.Jobs;

/// <summary>The limits a mail job must keep (docs/contract.md §2, Mail job), written down in one place.</summary>
public static class JobRules
{
    /// <summary>Job ids are the idempotency key and the primary key: 1–128 characters.</summary>
    public const int MaxJobIdLength = 128;

    /// <summary>
    /// Subject + text + html (+ template data) in UTF-8 bytes. SQS caps a message at 256 KiB, so a larger
    /// job could not have arrived intact; the limit leaves room for the envelope and headers.
    /// </summary>
    public const int MaxContentBytes = 200 * 1024;

    /// <summary>RFC 5321: a forward path is at most 254 characters.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>SES accepts at most 50 reply-to addresses; more is a caller bug.</summary>
    public const int MaxReplyTo = 50;

    /// <summary>SES allows 50 message tags; the sender adds its own (job id, campaign), so callers get fewer.</summary>
    public const int MaxCallerTags = 45;
}
