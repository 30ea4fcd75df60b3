namespace BulkMailer.Core.Jobs;

/// <summary>The outcome of parsing one SQS body: a valid job, or a rejection with its reason.</summary>
/// <param name="Job">The parsed job (also when it was rejected after parsing, so its id can be recorded).</param>
/// <param name="RejectReason">Null when the job is valid.</param>
public sealed record JobParseResult(MailJob? Job, string? RejectReason)
{
    public bool IsValid => RejectReason is null;

    public static JobParseResult Valid(MailJob job) => new(job, null);

    public static JobParseResult Rejected(MailJob? job, string reason) => new(job, reason);
}
