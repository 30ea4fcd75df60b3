using BulkMailer.Data.Migrations;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using Npgsql;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// One local stack (PostgreSQL, fauxqs, aws-ses-v2-local) for the whole test run, started once and stopped at the
/// end — also when tests fail. Tests isolate their data with <see cref="NewDatabaseAsync"/>: a fresh, migrated
/// database each.
/// </summary>
public sealed class LocalServersFixture : IAsyncLifetime
{
    private int _databases;
    private LocalServerSet? _stack;

    public LocalServerSet Stack => _stack ?? throw new InvalidOperationException("the local stack is not started");

    public PostgresCluster Postgres => Stack.Postgres;

    /// <summary>The SES emulator's endpoint (aws-ses-v2-local; accepted mails at GET /store).</summary>
    public Uri SesEndpoint => Stack.Ses!.Endpoint;

    /// <summary>The SQS/SNS emulator's endpoint (fauxqs).</summary>
    public Uri FauxqsEndpoint => Stack.Fauxqs!.Endpoint;

    public async Task InitializeAsync()
    {
        // Short idle_session_timeout is not set here: tests that need the server to reap idle sessions set it per session.
        _stack = await LocalServerSet.StartAsync(new LocalServerSetOptions
        {
            Postgres = new PostgresOptions { MaxConnections = 60 },
        });
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    /// <summary>A new database with the schema applied; its connection string.</summary>
    public async Task<string> NewDatabaseAsync(string? hint = null)
    {
        var connectionString = await Postgres.CreateDatabaseAsync(NewDatabaseName(hint));
        await SchemaMigrator.MigrateAsync(connectionString);
        return connectionString;
    }

    /// <summary>A database name no other test of the run uses (for a deployment that creates its own database).</summary>
    public string NewDatabaseName(string? hint = null) =>
        $"t{Interlocked.Increment(ref _databases)}_{new string((hint ?? "db").ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray())}";

    /// <summary>Runs a scalar query on a short-lived superuser connection (assertions).</summary>
    public async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "test-observer" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
