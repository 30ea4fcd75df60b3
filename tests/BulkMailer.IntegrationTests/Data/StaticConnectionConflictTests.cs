using BulkMailer.Data.Connections;
using BulkMailer.IntegrationTests.Fixtures;
using Npgsql;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>A statement the server rolls back to break a deadlock is run once more on the same connection.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class StaticConnectionConflictTests(LocalServersFixture stack)
{
    [Fact]
    public async Task A_statement_chosen_as_the_deadlock_victim_is_run_once_more_and_succeeds()
    {
        var db = await stack.NewDatabaseAsync();
        await using var connection = new StaticConnection(db, "static-deadlock");
        await connection.OpenAsync();
        await using var other = new NpgsqlConnection(db);
        await other.OpenAsync();
        await using var otherTx = await other.BeginTransactionAsync();
        await Exec(other, otherTx, "select pg_advisory_xact_lock(1)");

        // Takes lock 2, then waits for lock 1 (held by the other transaction) ...
        var victim = connection.ExecuteAsync(async (c, ct) =>
        {
            await using var command = new NpgsqlCommand("select pg_advisory_xact_lock(2), pg_advisory_xact_lock(1), 42", c);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return reader.GetInt32(2);
        });
        Assert.True(await LockWaits.WaitForAsync(stack, db, "static-deadlock"), "the statement never waited for lock 1");
        // ... and the other transaction now waits for lock 2: a deadlock. The statement waited first, so it is the
        // one the server rolls back after deadlock_timeout; the other transaction gets lock 2 and commits.
        await Exec(other, otherTx, "select pg_advisory_xact_lock(2)");
        await otherTx.CommitAsync();

        Assert.Equal(42, await victim);
        Assert.Equal(2, connection.RoundTrips);
        Assert.Equal(1, connection.Opens);
    }

    private static async Task Exec(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
