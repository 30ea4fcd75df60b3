using BulkMailer.Data.Connections;
using BulkMailer.Data.Maintenance;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Maintenance;
using BulkMailer.Maintenance.Metrics;

namespace BulkMailer.IntegrationTests.Maintenance;

/// <summary>
/// The maintenance handler on the real PostgreSQL, logged in as its role (V011): old events go in bounded
/// statements, recent ones stay, a run stops before its deadline and the next finishes, counted in round trips.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class MaintenanceHandlerDatabaseTests(LocalServersFixture stack)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;

    private static async Task<MaintenanceReport> RunAsync(StaticConnection connection, MaintenanceOptions options, TimeSpan timeLeft, TimeSpan perStatement)
    {
        // Each run starts where the statements so far left the clock, with its own deadline.
        var clock = new StatementClock(connection, Start, perStatement);
        var request = new InvocationRequest($"run-{connection.RoundTrips}", clock.GetUtcNow() + timeLeft, null, null, "{}"u8.ToArray(), clock);
        var handler = new MaintenanceHandler(new MaintenanceStore(connection), options, new MaintenanceMetrics("maint-test", TextWriter.Null, clock), clock);
        return await handler.HandleAsync(request, CancellationToken.None);
    }

    private static Task SeedEventsAsync(MaintenanceDatabase db, int old, int recent) => db.SeedAsync($"""
        insert into mail_event (event_key, event_type, occurred_at, raw)
        select 'old-' || lpad(i::text, 3, '0'), 'Delivery', now() - interval '100 days', '{"{}"}' from generate_series(1, {old}) i;
        insert into mail_event (event_key, event_type, occurred_at, raw)
        select 'new-' || i, 'Open', now() - interval '10 days', '{"{}"}' from generate_series(1, {recent}) i;
        """);

    [Fact]
    public async Task Events_past_the_retention_are_deleted_in_bounded_statements_and_recent_ones_are_kept()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-prune");
        await SeedEventsAsync(db, old: 25, recent: 3);
        // An event without an SES time is aged by when it was received.
        await db.SeedAsync("""
            insert into mail_event (event_key, event_type, occurred_at, raw, received_at) values
              ('unknown-old', 'Unparseable', null, 'x', now() - interval '91 days'),
              ('unknown-new', 'Unparseable', null, 'x', now() - interval '89 days');
            """);
        await using var connection = new StaticConnection(db.RoleLogin, "maint-prune");

        var report = await RunAsync(connection, new MaintenanceOptions { PruneBatchSize = 10 }, TimeSpan.FromSeconds(60), TimeSpan.Zero);

        Assert.Equal((26L, 3, true), (report.EventsDeleted, report.DeleteStatements, report.PruneComplete));
        // One read, then deletes of 10, 10 and 6 rows: the short one says nothing older is left.
        Assert.Equal(4, connection.RoundTrips);
        Assert.Equal(["new-1", "new-2", "new-3", "unknown-new"], await db.EventKeysAsync());
    }

    [Fact]
    public async Task A_run_stops_before_its_deadline_and_the_next_run_deletes_the_rest()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-deadline");
        await SeedEventsAsync(db, old: 50, recent: 2);
        await using var connection = new StaticConnection(db.RoleLogin, "maint-deadline");
        var options = new MaintenanceOptions { PruneBatchSize = 10 };

        // 45 s left, 10 s per statement, 15 s margin: the read leaves 35 s, one delete 25 s, a second 15 s — stop.
        var first = await RunAsync(connection, options, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(10));

        Assert.Equal((20L, 2, false), (first.EventsDeleted, first.DeleteStatements, first.PruneComplete));
        Assert.Equal(32, (await db.EventKeysAsync()).Count);

        var second = await RunAsync(connection, options, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(10));

        Assert.Equal((30L, 4, true), (second.EventsDeleted, second.DeleteStatements, second.PruneComplete));
        Assert.Equal(["new-1", "new-2"], await db.EventKeysAsync());
        Assert.Equal(1, connection.Opens);
    }
}
