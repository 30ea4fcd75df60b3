using BulkMailer.Core.Jobs;

namespace BulkMailer.Sender.Batch;

/// <summary>
/// One SQS record after parsing: the job (when valid) or the reason it is rejected, and the key it is recorded
/// under — its job id, or its SQS message id when the body carried no usable job id.
/// </summary>
public sealed record ParsedRecord(string MessageId, string Key, MailJob? Job, string? RejectReason)
{
    public bool IsValid => RejectReason is null && Job is not null;

    public static ParsedRecord From(string messageId, string? body)
    {
        var parsed = JobValidator.Parse(body ?? string.Empty);
        var job = parsed.Job;
        var key = job is { JobId: { Length: > 0 and <= JobRules.MaxJobIdLength } id } && !id.Any(char.IsControl) ? id : messageId;
        return new ParsedRecord(messageId, key, job, parsed.RejectReason);
    }
}
