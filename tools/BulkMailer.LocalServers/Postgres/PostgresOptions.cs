namespace BulkMailer.LocalServers.Postgres;

/// <summary>Server settings of a throw-away cluster. Defaults suit tests: durability off, 100 connections.</summary>
public sealed record PostgresOptions
{
    public int MaxConnections { get; init; } = 100;

    /// <summary>Server-side reaping of idle sessions (the infra sets this on RDS too); null leaves it off.</summary>
    public TimeSpan? IdleSessionTimeout { get; init; }

    /// <summary>TCP keepalive idle seconds; the server notices vanished clients after idle + interval × count.</summary>
    public int TcpKeepalivesIdle { get; init; } = 30;

    public int TcpKeepalivesInterval { get; init; } = 10;

    public int TcpKeepalivesCount { get; init; } = 3;

    /// <summary>When set, logins over TCP need this password (scram-sha-256) instead of being trusted: credential tests.</summary>
    public string? SuperuserPassword { get; init; }

    /// <summary>When set, the server offers TLS with this certificate (copied into the cluster dir, readable by the server only).</summary>
    public PostgresTlsFiles? Tls { get; init; }

    /// <summary>Any other <c>-c name=value</c> settings.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    internal IEnumerable<KeyValuePair<string, string>> ServerSettings()
    {
        yield return new("max_connections", MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A throw-away cluster needs no durability; this makes it several times faster on a small machine.
        yield return new("fsync", "off");
        yield return new("synchronous_commit", "off");
        yield return new("full_page_writes", "off");
        yield return new("tcp_keepalives_idle", TcpKeepalivesIdle.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("tcp_keepalives_interval", TcpKeepalivesInterval.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return new("tcp_keepalives_count", TcpKeepalivesCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (IdleSessionTimeout is { } idle)
        {
            yield return new("idle_session_timeout", ((long)idle.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var setting in Extra)
        {
            yield return setting;
        }
    }
}
