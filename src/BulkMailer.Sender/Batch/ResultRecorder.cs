using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Batch;

/// <summary>
/// The record round trip, retried while the invocation has time: once SES accepted a mail, losing its record means
/// sending it twice, so a database that fails (a lost connection, a deadlock, a serialization failure, an outage)
/// gets every chance the remaining time allows. The statement is safe to run again (record-results only moves a row
/// forward). The rows go in job-id order, the order record-results and ingest-feedback lock rows in.
/// </summary>
internal sealed class ResultRecorder(ISenderStore store, JsonLogger log, TimeProvider clock)
{
    /// <summary>Time one attempt may need: the command timeout (10 s, DatabaseTimeouts in BulkMailer.Data) plus the
    /// answer to Lambda. No attempt starts with less left, so the invocation always answers before its deadline.</summary>
    public static readonly TimeSpan AttemptReserve = TimeSpan.FromSeconds(11);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>True once recorded; false when every attempt the remaining time allowed failed.</summary>
    public async Task<bool> RecordAsync(IReadOnlyList<SendResult> results, Func<TimeSpan> remainingTime, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return true;
        }
        IReadOnlyList<SendResult> ordered = [.. results.OrderBy(r => r.JobId, StringComparer.Ordinal)];
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.RecordResultsAsync(ordered, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                if (remainingTime() < pause + AttemptReserve)
                {
                    log.Error("recording the batch's results failed for good: jobs SES accepted are acknowledged (their SES events settle them), the rest go back",
                        null, LogField.Of("attempts", attempt), LogField.Of("results", ordered.Count), LogField.Of("error", EmailRedaction.Redact(error.Message)));
                    return false;
                }
                log.Warn("recording the batch's results failed; retrying", LogField.Of("attempt", attempt), LogField.Of("error", EmailRedaction.Redact(error.Message)));
            }
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
