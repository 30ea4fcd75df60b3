namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>One poll of the campaign's progress during a run (see <c>count-progress</c> in Queries/progress.sql).</summary>
/// <param name="Elapsed">Time since the deployment started.</param>
/// <param name="SentBySes">Jobs SES accepted so far.</param>
/// <param name="Final">Jobs the sender is done with.</param>
/// <param name="Settled">Jobs final and no longer waiting for SES's verdict.</param>
public sealed record ProgressSample(TimeSpan Elapsed, long SentBySes, long Final, long Settled);
