using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>The role the sender and feedback log in as (V005__app_role.sql): the DML they need, no DDL, no superpowers.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ApplicationRoleTests(LocalServersFixture stack)
{
    private const string Role = "bulkmailer_app";

    private async Task<string> AsApplicationRoleAsync(string db)
    {
        // The local cluster trusts local logins; the password only makes the login look like a deployed one.
        await stack.ScalarAsync<int>(db, $"alter role {Role} password 'app-role-test'; select 1");
        return new NpgsqlConnectionStringBuilder(db) { Username = Role, Password = "app-role-test" }.ConnectionString;
    }

    [Fact]
    public async Task The_application_role_can_claim_and_record_jobs()
    {
        var db = await stack.NewDatabaseAsync("approle-dml");
        await using var connection = new StaticConnection(await AsApplicationRoleAsync(db), "approle-dml");
        var store = new MailStore(connection);

        var outcomes = await store.ClaimBatchAsync([new ClaimRequest("j1", "c1", "ada@example.com")], "inv-1", TimeSpan.FromMinutes(5));
        await store.RecordResultsAsync([new SendResult("j1", "sent", "ses-1", null)]);

        Assert.Equal(ClaimDecision.Send, Assert.Single(outcomes).Decision);
        Assert.Equal(["j1|sent|1|ses-1|-"], await TableState.MessagesAsync(db));
    }

    [Fact]
    public async Task The_application_role_may_not_create_a_table()
    {
        var db = await stack.NewDatabaseAsync("approle-ddl");
        await using var connection = new NpgsqlConnection(await AsApplicationRoleAsync(db));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("create table intruder (id int)", connection);

        var error = await Assert.ThrowsAsync<PostgresException>(() => create.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_application_role_is_no_superuser_and_creates_neither_roles_nor_databases()
    {
        var db = await stack.NewDatabaseAsync("approle-attributes");

        Assert.Equal(
            "t|f|f|f",
            await stack.ScalarAsync<string>(db, $"select concat_ws('|', rolcanlogin, rolsuper, rolcreatedb, rolcreaterole) from pg_roles where rolname = '{Role}'"));
    }

    [Fact]
    public async Task The_role_migration_runs_again_on_a_second_database_of_the_same_cluster()
    {
        var first = await stack.NewDatabaseAsync("approle-first");
        var second = await stack.NewDatabaseAsync("approle-second");

        Assert.Equal(1L, await stack.ScalarAsync<long>(first, $"select count(*) from pg_roles where rolname = '{Role}'"));
        Assert.True(await stack.ScalarAsync<bool>(second, $"select has_table_privilege('{Role}', 'mail_message', 'insert')"));
        Assert.False(await stack.ScalarAsync<bool>(second, $"select has_schema_privilege('{Role}', 'public', 'create')"));
    }
}
