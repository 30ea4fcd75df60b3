using BulkMailer.Data.Connections;
using BulkMailer.IntegrationTests.Fixtures;
using Npgsql;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalServersCollection.Name)]
public sealed class StaticConnectionTests(LocalServersFixture stack)
{
    private static Task<int> SelectOne(StaticConnection connection) =>
        connection.ExecuteAsync(async (c, ct) =>
        {
            await using var command = new NpgsqlCommand("select 1", c);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        });

    private Task<long> ConnectionsNamed(string db, string applicationName) =>
        stack.ScalarAsync<long>(db, $"select count(*) from pg_stat_activity where application_name = '{applicationName}'");

    [Fact]
    public async Task Many_calls_share_one_server_connection()
    {
        var db = await stack.NewDatabaseAsync();
        await using var connection = new StaticConnection(db, "static-many");
        await connection.OpenAsync();
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(1, await SelectOne(connection));
        }
        Assert.Equal(1, await ConnectionsNamed(db, "static-many"));
        Assert.Equal(1, connection.Opens);
        Assert.Equal(50, connection.RoundTrips);
    }

    [Fact]
    public async Task A_terminated_backend_is_reopened_once_and_the_call_succeeds_with_one_connection_left()
    {
        var db = await stack.NewDatabaseAsync();
        await using var connection = new StaticConnection(db, "static-terminated");
        await SelectOne(connection);

        var terminated = await stack.ScalarAsync<long>(db,
            "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'static-terminated') t");
        Assert.Equal(1, terminated);

        Assert.Equal(1, await SelectOne(connection));
        Assert.Equal(2, connection.Opens);
        Assert.Equal(1, await ConnectionsNamed(db, "static-terminated"));
    }

    [Fact]
    public async Task A_connection_reaped_by_idle_session_timeout_is_reopened_transparently()
    {
        var db = await stack.NewDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(db).Database;
        await stack.ScalarAsync<int>(db, $"select 1; alter database \"{database}\" set idle_session_timeout = '300ms'");
        await using var connection = new StaticConnection(db, "static-idle");
        await SelectOne(connection);

        // Like a frozen Lambda environment: nothing is sent while the server reaps the idle session.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await ConnectionsNamed(db, "static-idle"));

        Assert.Equal(1, await SelectOne(connection));
        Assert.Equal(2, connection.Opens);
    }

    [Fact]
    public async Task A_statement_error_on_a_healthy_connection_is_not_retried_and_keeps_the_connection()
    {
        var db = await stack.NewDatabaseAsync();
        await using var connection = new StaticConnection(db, "static-error");
        var attempts = 0;
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync<int>(async (c, ct) =>
        {
            attempts++;
            await using var command = new NpgsqlCommand("select 1/0", c);
            return (int)(await command.ExecuteScalarAsync(ct))!;
        }));
        Assert.Equal(1, attempts);
        Assert.Equal(1, await SelectOne(connection));
        Assert.Equal(1, connection.Opens);
    }

    [Fact]
    public async Task Concurrent_callers_are_serialized_on_the_single_connection()
    {
        var db = await stack.NewDatabaseAsync();
        await using var connection = new StaticConnection(db, "static-concurrent");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SelectOne(connection)));
        Assert.All(results, r => Assert.Equal(1, r));
        Assert.Equal(1, connection.Opens);
        Assert.Equal(1, await ConnectionsNamed(db, "static-concurrent"));
    }
}
