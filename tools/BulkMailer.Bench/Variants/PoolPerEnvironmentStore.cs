using BulkMailer.Data.Mail;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.Bench.Variants;

/// <summary>
/// An ORM's default, on purpose: a pool of up to 5 connections per environment (sequelize's max: 5, idle 10 s),
/// used the way ORM code uses it — the batch's statements issued concurrently, one per message — so each
/// environment opens up to 5 server connections and keeps them while warm.
/// </summary>
public sealed class PoolPerEnvironmentStore : ISenderStore
{
    private readonly NpgsqlDataSource _pool;
    private long _roundTrips;

    public PoolPerEnvironmentStore(string connectionString)
    {
        _pool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            MaxPoolSize = 5,
            ConnectionIdleLifetime = 10,
        }.ConnectionString);
    }

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public async Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var outcomes = await Task.WhenAll(jobs.Select(async job =>
        {
            await using var connection = await _pool.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _roundTrips);
            return await MailStatements.ClaimAsync(connection, [job], owner, lease).ConfigureAwait(false);
        })).ConfigureAwait(false);
        return [.. outcomes.SelectMany(o => o)];
    }

    public async Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default)
    {
        await Task.WhenAll(results.Select(async result =>
        {
            await using var connection = await _pool.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _roundTrips);
            await MailStatements.RecordAsync(connection, [result]).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }
}
