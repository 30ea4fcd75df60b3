namespace BulkMailer.Data.Progress;

/// <summary>One poll of a campaign's progress (see <c>count-progress</c> in Queries/progress.sql).</summary>
/// <param name="Final">Jobs in a status of <c>MailStatus.Final</c>: the sender is done with them.</param>
/// <param name="Settled">Jobs in a status of <c>MailStatus.Settled</c>: final and no longer waiting for SES.</param>
/// <param name="SentBySes">Jobs SES accepted (they have an SES message id).</param>
public sealed record ProgressCounts(long Final, long Settled, long SentBySes);
