namespace BulkMailer.Data.Progress;

/// <summary>The <c>mail_event</c> table at one moment (see <c>count-events</c> in Queries/progress.sql).</summary>
/// <param name="Rows">Event rows.</param>
/// <param name="DistinctKeys">Distinct event identities among them (equal to <paramref name="Rows"/>: the key is unique).</param>
/// <param name="Matched">Rows recorded against a job without an error (the event found its job).</param>
public sealed record EventCounts(long Rows, long DistinctKeys, long Matched);
