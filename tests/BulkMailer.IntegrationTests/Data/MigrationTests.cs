using BulkMailer.Core.Jobs;
using BulkMailer.Data.Migrations;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalServersCollection.Name)]
public sealed class MigrationTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time()
    {
        var db = await stack.NewDatabaseAsync();
        Assert.Empty(await SchemaMigrator.MigrateAsync(db));
        Assert.Equal(SchemaMigrator.Embedded.Count, await stack.ScalarAsync<long>(db, "select count(*) from schema_version"));
    }

    [Fact]
    public async Task Migrations_are_recorded_in_version_order()
    {
        var db = await stack.Postgres.CreateDatabaseAsync("migrations_fresh");
        var applied = await SchemaMigrator.MigrateAsync(db);
        Assert.Equal(SchemaMigrator.Embedded.Select(m => m.Version), applied);
        Assert.Equal(string.Join(",", applied), string.Join(",", await TableState.LinesAsync(db, "select version::text from schema_version order by applied_at, version")));
    }

    [Fact]
    public async Task The_sql_status_rank_equals_the_domain_rank_for_every_status()
    {
        var db = await stack.NewDatabaseAsync();
        foreach (var status in MailStatus.All)
        {
            Assert.Equal(MailStatus.Rank(status), await stack.ScalarAsync<int>(db, $"select mail_status_rank('{status}')"));
        }
    }

    [Fact]
    public async Task The_status_rank_is_inlined_by_the_planner_and_still_null_for_a_null_or_unknown_status()
    {
        var db = await stack.NewDatabaseAsync();
        // An inlined call shows up as its CASE expression; a call the planner cannot inline runs as a separate
        // SQL-function execution per row (V013).
        var plan = string.Join("\n", await TableState.LinesAsync(db, "explain (verbose, costs off) select mail_status_rank(status) from mail_message"));
        Assert.Contains("CASE status", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("mail_status_rank(", plan, StringComparison.Ordinal);
        Assert.Equal(2, await stack.ScalarAsync<long>(db, "select count(*) from (values (mail_status_rank(null)), (mail_status_rank('lost'))) v(r) where r is null"));
    }

    [Fact]
    public async Task Mail_event_keeps_only_the_indexes_a_statement_or_operator_uses()
    {
        var db = await stack.NewDatabaseAsync();
        Assert.Equal(
            ["mail_event_event_key_key", "mail_event_job_idx", "mail_event_pkey"],
            await TableState.LinesAsync(db, "select indexname from pg_indexes where tablename = 'mail_event' order by indexname"));
    }

    [Fact]
    public async Task The_status_column_refuses_an_unknown_status()
    {
        var db = await stack.NewDatabaseAsync();
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            stack.ScalarAsync<int>(db, "insert into mail_message (job_id, recipient, status) values ('x', 'a@b.example', 'lost'); select 1"));
        Assert.Equal("23514", error.SqlState);
    }
}
