using BulkMailer.Maintenance.Ports;

namespace BulkMailer.Maintenance.Pruning;

/// <summary>
/// Deletes old events one bounded statement at a time while the invocation has time: each statement is a short
/// transaction (the senders and the feedback function never wait behind one long delete), and no statement starts
/// with less than the stop margin left — a backlog larger than one run is finished by the following runs.
/// </summary>
public static class DeadlineBoundPrune
{
    /// <param name="remaining">The time left before the invocation's deadline, asked before each statement.</param>
    public static async Task<PruneOutcome> RunAsync(
        IMaintenanceStore store, DateTime before, int batchSize, Func<TimeSpan> remaining, TimeSpan stopMargin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(remaining);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long deleted = 0;
        var statements = 0;
        while (remaining() > stopMargin)
        {
            var batch = await store.DeleteEventsBeforeAsync(before, batchSize, cancellationToken).ConfigureAwait(false);
            statements++;
            deleted += batch;
            if (batch < batchSize)
            {
                return new PruneOutcome(deleted, statements, Complete: true);
            }
        }
        return new PruneOutcome(deleted, statements, Complete: false);
    }
}
