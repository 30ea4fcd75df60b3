using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace BulkMailer.Data.Connections;

/// <summary>
/// The one database connection of an execution environment. Opened once (eagerly in the Lambda init phase, or on
/// first use), reused by every invocation, and reopened transparently — once — when the server closed it while the
/// environment was frozen (idle_session_timeout, failover, pg_terminate_backend); a statement the server rolled back
/// for a deadlock (40P01) or a serialization failure (40001) is run once more. It never holds two server
/// connections: the broken one is disposed before the new one is opened, and calls are serialized.
/// </summary>
/// <remarks>
/// Statements run through <see cref="ExecuteAsync{T}"/> must be safe to run twice: the retry after a reopen may
/// follow a statement whose commit succeeded but whose reply was lost. Every statement of this layer is written so.
/// </remarks>
public sealed class StaticConnection : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private long _roundTrips;
    private long _opens;

    private readonly IDatabasePasswordSource? _passwords;

    /// <param name="connectionString">Npgsql connection string with its password, if any (local stacks, tests).</param>
    /// <param name="applicationName">Shown in pg_stat_activity, so operators (and tests) can count environments.</param>
    public StaticConnection(string connectionString, string applicationName)
        : this(new DatabaseLogin(connectionString), applicationName)
    {
    }

    /// <param name="login">The connection string and the password source; pooling is forced off: this type is the pool.</param>
    /// <param name="applicationName">Shown in pg_stat_activity, so operators (and tests) can count environments.</param>
    public StaticConnection(DatabaseLogin login, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(login);
        _passwords = login.Passwords;
        _dataSource = DatabaseDataSource.Build(login, applicationName);
    }

    /// <summary>Commands sent to the server since start-up: one per <see cref="ExecuteAsync{T}"/> attempt.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Physical connections opened since start-up (1 unless the server closed one).</summary>
    public long Opens => Interlocked.Read(ref _opens);

    /// <summary>Opens the connection now (the Lambda init phase) instead of on the first invocation.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs one statement on the connection. If the server had closed the connection, it is reopened and the
    /// statement is run once more; so is one the server rolled back for a deadlock or a serialization failure. Any
    /// other failure propagates.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statement);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                Interlocked.Increment(ref _roundTrips);
                return await statement(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsConnectionLost(ex, connection))
            {
                await DropAsync().ConfigureAwait(false);
                connection = await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _roundTrips);
                return await statement(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (IsConflict(ex))
            {
                // The server rolled the statement back to break a deadlock or a serialization conflict; the other side
                // has gone on, so the same statement on the same (healthy) connection succeeds now.
                Interlocked.Increment(ref _roundTrips);
                return await statement(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<NpgsqlConnection> EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }
        await DropAsync().ConfigureAwait(false);
        try
        {
            _connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InvalidPassword && _passwords is not null)
        {
            // The password was rotated since it was read: fetch it again and try once more.
            _passwords.Invalidate();
            _connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        Interlocked.Increment(ref _opens);
        return _connection;
    }

    private async Task DropAsync()
    {
        if (_connection is { } old)
        {
            _connection = null;
            await old.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A deadlock or serialization failure: the statement was rolled back and may simply be run again.</summary>
    private static bool IsConflict(PostgresException ex) =>
        ex.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    /// <summary>
    /// True when the failure means the server side of the connection is gone — not when a statement failed on a
    /// healthy connection (a constraint violation must not be retried).
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "classification only")]
    private static bool IsConnectionLost(Exception ex, NpgsqlConnection connection)
    {
        if (connection.State is System.Data.ConnectionState.Broken or System.Data.ConnectionState.Closed)
        {
            return true;
        }
        return ex is PostgresException { SqlState: var state } && (state.StartsWith("08", StringComparison.Ordinal)
            || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or "57P05");
    }
}
