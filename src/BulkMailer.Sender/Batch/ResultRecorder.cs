using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Batch;

/// <summary>
/// The record round trip, retried while the invocation has time: once SES accepted a mail, losing its record means
/// sending it twice, so a database that fails (a lost connection, a deadlock, a serialization failure, an outage)
/// gets every chance the remaining time allows. The statement is safe to run again (record-results only moves a row
/// forward, and locks its rows in job-id order, as ingest-feedback does).
/// </summary>
/// <param name="attemptReserve">The time one more attempt may need; no retry starts with less left, so the invocation
/// always answers before its deadline. The sender's deadline margin, which covers an SES call plus the record.</param>
internal sealed class ResultRecorder(ISenderStore store, JsonLogger log, TimeProvider clock, TimeSpan attemptReserve)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(2);

    /// <summary>True once recorded; false when every attempt the remaining time allowed failed.</summary>
    /// <param name="throttles">SES rate throttles the batch met, for the send governor (same round trip); null: none.</param>
    public async Task<bool> RecordAsync(IReadOnlyList<SendResult> results, GovernorThrottles? throttles, Func<TimeSpan> remainingTime, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return true;
        }
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.RecordResultsAsync(results, throttles, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                if (remainingTime() < pause + attemptReserve)
                {
                    log.Error("recording the results of the batch failed for good: jobs SES accepted are acknowledged (their SES events settle them), the rest go back",
                        null, LogField.Of("attempts", attempt), LogField.Of("results", results.Count), LogField.Of("error", EmailRedaction.Redact(error.Message)));
                    return false;
                }
                log.Warn("recording the results of the batch failed; retrying", LogField.Of("attempt", attempt), LogField.Of("error", EmailRedaction.Redact(error.Message)));
            }
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }
}
