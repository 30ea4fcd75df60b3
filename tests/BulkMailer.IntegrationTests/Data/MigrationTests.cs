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
    public async Task The_status_column_refuses_an_unknown_status()
    {
        var db = await stack.NewDatabaseAsync();
        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            stack.ScalarAsync<int>(db, "insert into mail_message (job_id, recipient, status) values ('x', 'a@b.example', 'lost'); select 1"));
        Assert.Equal("23514", error.SqlState);
    }
}
