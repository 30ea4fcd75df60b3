using Npgsql;

namespace BulkMailer.Data.Connections;

/// <summary>
/// The bounds on every database wait, applied where the connection string leaves Npgsql's default. Npgsql's defaults
/// (15 s to connect, 30 s per command) would let one dead socket after a thaw eat a whole 30-second invocation; these
/// leave time to fail, report and let SQS redeliver. The invocation's deadline token cuts shorter still.
/// </summary>
public static class DatabaseTimeouts
{
    /// <summary>Connect (TCP + TLS + authentication), seconds.</summary>
    public const int ConnectSeconds = 5;

    /// <summary>One statement (claim, record, ingest: milliseconds when healthy), seconds.</summary>
    public const int CommandSeconds = 10;

    /// <summary>How long to wait for the server to acknowledge a cancellation before breaking the connection, ms.</summary>
    public const int CancellationMilliseconds = 2000;

    /// <summary>Client keepalive query interval, seconds: lets a frozen-and-thawed environment notice a dead peer.</summary>
    public const int KeepAliveSeconds = 30;

    /// <summary>Sets each bound the string leaves at Npgsql's default (an explicit value in the string wins).</summary>
    public static void ApplyDefaults(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var npgsqlDefaults = new NpgsqlConnectionStringBuilder();
        if (builder.Timeout == npgsqlDefaults.Timeout)
        {
            builder.Timeout = ConnectSeconds;
        }
        if (builder.CommandTimeout == npgsqlDefaults.CommandTimeout)
        {
            builder.CommandTimeout = CommandSeconds;
        }
        if (builder.CancellationTimeout == npgsqlDefaults.CancellationTimeout)
        {
            builder.CancellationTimeout = CancellationMilliseconds;
        }
        if (builder.KeepAlive == npgsqlDefaults.KeepAlive)
        {
            builder.KeepAlive = KeepAliveSeconds;
        }
        // OS-level keepalive as well: it also covers the connect and a statement waiting on a silent peer.
        builder.TcpKeepAlive = true;
    }
}
