using System.Text.Json;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.IntegrationTests.Maintenance;

/// <summary>
/// The maintenance bootstrap as deployed (its own process under the local Runtime API, its role, the real
/// PostgreSQL): EventBridge's scheduled event in, the run's report out, the metrics as EMF lines and one summary log
/// line without addresses on its stdout; a bad retention fails init.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class MaintenanceProcessTests(LocalServersFixture stack)
{
    private const string ScheduledEvent = """
        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
         "account":"123456789012","time":"2026-12-04T15:00:00Z","region":"eu-west-1",
         "resources":["arn:aws:events:eu-west-1:123456789012:rule/bulkmailer-maintenance"],"detail":{}}
        """;

    private static FunctionProcess Start(RuntimeApiServer runtime, MaintenanceDatabase db, string retentionDays) =>
        FunctionProcess.Start("BulkMailer.Maintenance.Bootstrap", runtime.RuntimeApiAddress, new Dictionary<string, string>
        {
            ["BULKMAILER_DB"] = db.RoleLogin,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "bm-maintenance",
            ["BULKMAILER_EVENT_RETENTION_DAYS"] = retentionDays,
        });

    // stdout reaches the test through a pipe, possibly a moment after the response: wait for the run's last line.
    private static async Task<IReadOnlyList<string>> LinesThroughAsync(FunctionProcess process, string last)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!process.Lines.Any(l => l.Contains(last, StringComparison.Ordinal)))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
        return process.Lines;
    }

    [Fact]
    public async Task A_scheduled_event_prunes_old_events_and_writes_the_stuck_job_metrics_and_a_summary_without_addresses()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-process");
        await db.SeedAsync("""
            insert into mail_event (event_key, event_type, occurred_at, raw)
            select 'old-' || i, 'Delivery', now() - interval '40 days', '{}' from generate_series(1, 12) i;
            insert into mail_event (event_key, event_type, occurred_at, raw) values ('new-1', 'Open', now() - interval '1 day', '{}');
            insert into mail_message (job_id, campaign_id, recipient, status, lease_until, updated_at) values
              ('j1', 'spring', 'ada@example.com', 'sending', now() - interval '3 minutes', now()),
              ('j2', 'spring', 'grace@example.com', 'delivered', null, now());
            """);
        await using var runtime = RuntimeApiServer.Start();
        await using var process = Start(runtime, db, "30");

        var outcome = await runtime.InvokeAsync(ScheduledEvent, TimeSpan.FromSeconds(60));

        Assert.False(outcome.IsError);
        var report = JsonDocument.Parse(outcome.Body).RootElement;
        Assert.Equal((12, true, 1, 1), (report.GetProperty("EventsDeleted").GetInt32(), report.GetProperty("PruneComplete").GetBoolean(),
            report.GetProperty("ExpiredSendingLeases").GetInt32(), report.GetProperty("Campaigns").GetInt32()));
        Assert.Equal(["new-1"], await db.EventKeysAsync());
        var lines = await LinesThroughAsync(process, "\"message\":\"maintenance run\"");
        var stuck = Assert.Single(lines, l => l.Contains("\"CloudWatchMetrics\"", StringComparison.Ordinal) && l.Contains("\"ExpiredSendingLeases\":1", StringComparison.Ordinal) && l.Contains("\"FunctionName\":\"bm-maintenance\"", StringComparison.Ordinal));
        Assert.Contains("\"Namespace\":\"BulkMailer\"", stuck, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("\"CampaignId\":\"spring\"", StringComparison.Ordinal) && l.Contains("\"JobsDelivered\":1", StringComparison.Ordinal));
        var summary = Assert.Single(lines, l => l.Contains("\"message\":\"maintenance run\"", StringComparison.Ordinal));
        Assert.Contains("\"eventsDeleted\":12", summary, StringComparison.Ordinal);
        Assert.Contains("\"retentionDays\":30", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retention_of_zero_days_fails_init_naming_the_variable()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-badinit");
        await using var runtime = RuntimeApiServer.Start();
        await using var process = Start(runtime, db, "0");

        var error = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("BULKMAILER_EVENT_RETENTION_DAYS must be a whole number from 1 to 3650", error.BodyText, StringComparison.Ordinal);
    }
}
