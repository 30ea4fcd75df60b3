using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary><c>bulkmailer prune</c> against a real PostgreSQL.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class PruneCommandTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Prune_deletes_only_events_older_than_the_retention_in_bounded_batches_and_prints_the_count()
    {
        var db = await stack.NewDatabaseAsync("prune");
        await OperatorDatabase.ExecuteAsync(db, """
            insert into mail_event (event_key, event_type, occurred_at, raw)
            select 'old-' || i, 'Delivery', now() - interval '40 days', '{}' from generate_series(1, 25) i;
            insert into mail_event (event_key, event_type, occurred_at, raw)
            select 'new-' || i, 'Open', now() - interval '2 days', '{}' from generate_series(1, 3) i;
            insert into mail_event (event_key, event_type, occurred_at, raw, received_at)
            values ('unknown-time', 'Unparseable', null, 'x', now() - interval '31 days');
            """);

        var (exitCode, output, _) = await OperatorCli.RunAsync("prune", "--db", db, "--older-than", "30", "--batch-size", "10");

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        Assert.Contains("deleted 26 event(s) older than 30 day(s)", output, StringComparison.Ordinal);
        Assert.Equal(["new-1", "new-2", "new-3"], await TableState.LinesAsync(db, "select event_key from mail_event order by event_key"));
    }

    [Fact]
    public async Task A_negative_retention_is_a_usage_error()
    {
        var (exitCode, _, error) = await OperatorCli.RunAsync("prune", "--db", "Host=127.0.0.1", "--older-than", "-1");

        Assert.Equal(OperatorExitCodes.Usage, exitCode);
        Assert.Contains("--older-than", error, StringComparison.Ordinal);
    }
}
