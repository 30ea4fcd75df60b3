using BulkMailer.Data.Mail;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.Bench.Variants;

/// <summary>
/// The classic leak, on purpose: every invocation opens a fresh connection and never closes it ("defer db.Close()"
/// that never runs, a handle kept in module scope). The same two statements as the design; only the connection
/// pattern differs. Connections pile up until the environment dies or the server refuses more.
/// </summary>
public sealed class ConnectionPerInvocationStore(string connectionString) : ISenderStore
{
    // Kept reachable, never disposed: what a leaked handle looks like to the server.
    private static readonly List<NpgsqlConnection> Leaked = [];
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
    private NpgsqlConnection? _current;
    private long _roundTrips;

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public async Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(_connectionString);
        lock (Leaked)
        {
            Leaked.Add(connection);
        }
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        _current = connection;
        Interlocked.Increment(ref _roundTrips);
        return await MailStatements.ClaimAsync(connection, jobs, owner, lease).ConfigureAwait(false);
    }

    public async Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default)
    {
        if (results.Count == 0)
        {
            return;
        }
        Interlocked.Increment(ref _roundTrips);
        await MailStatements.RecordAsync(_current ?? throw new InvalidOperationException("record before claim"), results).ConfigureAwait(false);
    }
}
