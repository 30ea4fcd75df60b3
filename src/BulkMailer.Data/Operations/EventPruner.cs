using BulkMailer.Data.Connections;
using BulkMailer.Data.Queries;
using Dapper;

namespace BulkMailer.Data.Operations;

/// <summary>
/// Deletes stored SES events older than a retention (SQL: <c>prune-events</c> in Queries/mail_event.sql), a bounded
/// batch per statement: each statement is a short transaction, so the senders and the feedback function are never
/// held up behind one long delete.
/// </summary>
public sealed class EventPruner(StaticConnection connection)
{
    /// <summary>Rows deleted per statement.</summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>Deletes every event older than <paramref name="before"/>; returns how many; reports the running total after each batch.</summary>
    public async Task<long> PruneAsync(DateTime before, int batchSize = DefaultBatchSize, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long total = 0;
        int deleted;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            deleted = await PruneBatchAsync(before, batchSize, cancellationToken).ConfigureAwait(false);
            total += deleted;
            progress?.Report(total);
        }
        while (deleted == batchSize);
        return total;
    }

    /// <summary>
    /// One statement: deletes at most <paramref name="batchSize"/> events older than <paramref name="before"/>; returns
    /// how many. Fewer than <paramref name="batchSize"/> means none older are left. The maintenance function calls it
    /// directly, so it can stop between statements before its deadline.
    /// </summary>
    public Task<int> PruneBatchAsync(DateTime before, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var args = new PruneArgs { Before = before.ToUniversalTime(), Limit = batchSize };
        return connection.ExecuteAsync((c, _) => c.ExecuteAsync(SqlQueries.PruneEvents, args), cancellationToken);
    }

    // Internal, not private, so that Dapper.AOT's interceptors can see it (see MailStore).
    internal sealed class PruneArgs
    {
        public required DateTime Before { get; init; }
        public required int Limit { get; init; }
    }
}
