using System.Text.Json;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Maintenance;
using BulkMailer.Maintenance.Metrics;
using BulkMailer.Maintenance.Ports;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Maintenance;

public sealed class MaintenanceHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    private static readonly MaintenanceSnapshot NothingStuck = new(0, null, []);

    private static InvocationRequest Invocation(FixedClock clock, TimeSpan timeLeft) =>
        new("req-1", clock.GetUtcNow() + timeLeft, null, null, "{}"u8.ToArray(), clock);

    private static (MaintenanceHandler Handler, StringWriter Emf) Handler(RecordingMaintenanceStore store, FixedClock clock, MaintenanceOptions? options = null)
    {
        var emf = new StringWriter();
        return (new MaintenanceHandler(store, options ?? new MaintenanceOptions { PruneBatchSize = 100 }, new MaintenanceMetrics("bm-maintenance", emf, clock), clock), emf);
    }

    [Fact]
    public async Task A_backlog_smaller_than_the_time_is_deleted_in_bounded_statements_until_one_comes_back_short()
    {
        var clock = new FixedClock(Now);
        var store = new RecordingMaintenanceStore(250, NothingStuck, clock);
        var (handler, _) = Handler(store, clock);

        var report = await handler.HandleAsync(Invocation(clock, TimeSpan.FromSeconds(60)), CancellationToken.None);

        Assert.Equal(["snapshot 24h 20", "delete 100", "delete 100", "delete 100"], store.Calls);
        Assert.Equal((250L, 3, true), (report.EventsDeleted, report.DeleteStatements, report.PruneComplete));
        Assert.Equal(0, store.OldEventsLeft);
    }

    [Fact]
    public async Task No_delete_starts_with_less_than_the_stop_margin_left_and_the_rest_is_left_for_the_next_run()
    {
        var clock = new FixedClock(Now);
        var store = new RecordingMaintenanceStore(10_000, NothingStuck, clock);
        var (handler, emf) = Handler(store, clock);

        // 60 s left, 10 s per statement, 15 s margin: statements start with 60, 50, 40, 30 and 20 s left, not with 10.
        var report = await handler.HandleAsync(Invocation(clock, TimeSpan.FromSeconds(60)), CancellationToken.None);

        Assert.Equal((500L, 5, false), (report.EventsDeleted, report.DeleteStatements, report.PruneComplete));
        Assert.Equal(9_500, store.OldEventsLeft);
        Assert.Equal(Now + TimeSpan.FromSeconds(50), clock.GetUtcNow());
        Assert.Contains("\"EventsPruned\":500,\"PruneBacklog\":1", emf.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invocation_with_no_time_beyond_the_margin_still_reports_the_counts_and_deletes_nothing()
    {
        var clock = new FixedClock(Now);
        var store = new RecordingMaintenanceStore(10, new MaintenanceSnapshot(3, TimeSpan.FromMinutes(7), []), clock);
        var (handler, emf) = Handler(store, clock);

        var report = await handler.HandleAsync(Invocation(clock, TimeSpan.FromSeconds(15)), CancellationToken.None);

        Assert.Equal(["snapshot 24h 20"], store.Calls);
        Assert.Equal((0L, 0, false, 3L), (report.EventsDeleted, report.DeleteStatements, report.PruneComplete, report.ExpiredSendingLeases));
        Assert.Contains("\"ExpiredSendingLeases\":3", emf.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_are_deleted_when_they_happened_more_than_the_retention_before_now()
    {
        var clock = new FixedClock(Now);
        var store = new RecordingMaintenanceStore(1, NothingStuck, clock);
        var (handler, _) = Handler(store, clock, new MaintenanceOptions { EventRetentionDays = 30 });

        await handler.HandleAsync(Invocation(clock, TimeSpan.FromSeconds(60)), CancellationToken.None);

        Assert.Equal([new DateTime(2026, 11, 4, 15, 0, 0, DateTimeKind.Utc)], store.DeleteCutoffs);
        Assert.Equal(DateTimeKind.Utc, store.DeleteCutoffs[0].Kind);
    }

    [Fact]
    public async Task The_stuck_jobs_go_under_the_function_name_and_each_campaign_gets_every_status_under_its_id()
    {
        var clock = new FixedClock(Now);
        var spring = new CampaignJobCounts("spring", new Dictionary<string, long> { ["sent"] = 5, ["sending"] = 2 }, 1);
        var store = new RecordingMaintenanceStore(0, new MaintenanceSnapshot(1, TimeSpan.FromSeconds(90), [spring]), clock);
        var (handler, emf) = Handler(store, clock);

        await handler.HandleAsync(Invocation(clock, TimeSpan.FromSeconds(60)), CancellationToken.None);

        var lines = emf.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        var stuck = lines[0];
        Assert.Equal("BulkMailer", stuck.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        Assert.Equal("bm-maintenance", stuck.GetProperty("FunctionName").GetString());
        Assert.Equal((1, 90, 1), (stuck.GetProperty("ExpiredSendingLeases").GetInt32(), stuck.GetProperty("OldestExpiredLeaseAgeSeconds").GetInt32(), stuck.GetProperty("ActiveCampaigns").GetInt32()));
        var campaign = lines[1];
        Assert.Equal("spring", campaign.GetProperty("CampaignId").GetString());
        Assert.False(campaign.TryGetProperty("FunctionName", out _));
        Assert.Equal((2, 5, 0, 0, 1), (campaign.GetProperty("JobsSending").GetInt32(), campaign.GetProperty("JobsSent").GetInt32(),
            campaign.GetProperty("JobsDelivered").GetInt32(), campaign.GetProperty("JobsCancelled").GetInt32(), campaign.GetProperty("ExpiredSendingLeases").GetInt32()));
        var prune = lines[2];
        Assert.Equal(("bm-maintenance", 0, 0), (prune.GetProperty("FunctionName").GetString(), prune.GetProperty("EventsPruned").GetInt32(), prune.GetProperty("PruneBacklog").GetInt32()));
    }
}
