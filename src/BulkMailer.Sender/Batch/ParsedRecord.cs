using BulkMailer.Core.Jobs;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Batch;

/// <summary>
/// One SQS record after parsing: the job (when valid) or the reason it is rejected, and the key it is recorded
/// under — its job id, or its SQS message id when the body carried no usable job id.
/// </summary>
public sealed record ParsedRecord(string MessageId, string Key, MailJob? Job, string? RejectReason)
{
    public bool IsValid => RejectReason is null && Job is not null;

    /// <param name="configurationSets">The sets this deployment may send with (see <see cref="JobValidator.Parse"/>).</param>
    public static ParsedRecord From(string messageId, string? body, ConfigurationSetAllowList? configurationSets = null)
    {
        var parsed = JobValidator.Parse(body ?? string.Empty, configurationSets);
        var job = parsed.Job;
        return new ParsedRecord(messageId, UsableKey(job?.JobId) ?? messageId, job, parsed.RejectReason);
    }

    /// <summary>
    /// The claim for this record: a valid job with its bare address, or one to record as rejected with whatever of its
    /// text fits a row (cut without splitting a surrogate pair; the store makes the rest storable).
    /// </summary>
    public ClaimRequest ToClaim()
    {
        if (IsValid && JobValidator.TryParseMailbox(Job!.To, out var address))
        {
            return new ClaimRequest(Key, Job.CampaignId, address, MessageId: MessageId);
        }
        return new ClaimRequest(
            Key,
            Job?.CampaignId is { } campaign ? UnicodeText.Truncate(campaign, JobRules.MaxJobIdLength) : null,
            Job?.To is { } to ? UnicodeText.Truncate(to, JobRules.MaxAddressLength) : null,
            UnicodeText.Truncate(RejectReason ?? "invalid job", JobRules.MaxRejectReasonLength),
            MessageId);
    }

    // A job id is the row's primary key only when the database can store it as it is: cleaning it would make two
    // different ids one, so an id that is not clean is recorded under the SQS message id instead.
    private static string? UsableKey(string? jobId) =>
        jobId is { Length: > 0 and <= JobRules.MaxJobIdLength } id && !id.Any(char.IsControl) && UnicodeText.IsWellFormed(id) ? id : null;
}
