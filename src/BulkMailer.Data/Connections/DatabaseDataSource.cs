using Npgsql;

namespace BulkMailer.Data.Connections;

/// <summary>
/// Builds the unpooled Npgsql data source every function connection comes from, so the static connection and the
/// migrator log in the same way: the bounds of <see cref="DatabaseTimeouts"/>, TLS, the password source.
/// </summary>
public static class DatabaseDataSource
{
    /// <param name="applicationName">Shown in pg_stat_activity, so operators (and tests) can count environments.</param>
    public static NpgsqlDataSource Build(DatabaseLogin login, string applicationName)
    {
        ArgumentNullException.ThrowIfNull(login);
        var builder = new NpgsqlConnectionStringBuilder(login.ConnectionString)
        {
            // The callers hold their one connection themselves: a pool would only keep extra server connections open.
            Pooling = false,
            ApplicationName = applicationName,
        };
        // A frozen environment sends nothing; keepalives let the server notice a dead peer (see infra parameter group),
        // and the timeouts keep one dead socket from eating an invocation.
        DatabaseTimeouts.ApplyDefaults(builder);
        var dataSourceBuilder = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).EnableArrays();
        if (login.Passwords is { } passwords)
        {
            // Asked on every physical open: a rotated secret or a fresh IAM token is used by the next reconnect.
            dataSourceBuilder.UsePasswordProvider(
                _ => throw new NotSupportedException("connections are opened asynchronously"),
                (_, token) => passwords.GetPasswordAsync(token));
        }
        if (builder.SslMode != SslMode.Disable)
        {
            // The slim builder leaves TLS out unless asked; without it every TLS mode would fail to connect.
            dataSourceBuilder.EnableTransportSecurity();
        }
        // Only built-in types are used; skipping the type-loading query saves a round trip (and cold-start time) per open.
        dataSourceBuilder.ConfigureTypeLoading(t => t.EnableTypeLoading(false));
        return dataSourceBuilder.Build();
    }
}
