using System.Text.Json;
using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Ports;
using BulkMailer.Ses.Errors;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender's <c>SendPermitWait</c> metric: each sent job's wait for the slot the send governor gave it.</summary>
public sealed class SenderPermitWaitTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static JsonElement MetricLine(SenderHarness run) =>
        JsonDocument.Parse(Assert.Single(run.Metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;

    [Fact]
    public async Task Each_sent_job_of_a_governed_batch_adds_its_slot_wait_in_milliseconds_and_unsent_jobs_add_none()
    {
        // One call at a time: the stepping clock adds up parallel waits, which would make later units look late.
        var run = new SenderHarness
        {
            AccountSendRate = 10,
            Options = new() { LeaseExtra = TimeSpan.FromSeconds(30), UseBulkSend = false, SendParallelism = 1 },
        };
        run.Store.PermitAfter["b"] = TimeSpan.FromMilliseconds(1500);
        run.Store.PermitAfter["c"] = TimeSpan.FromSeconds(4);
        run.Store.Decisions["d"] = ClaimDecision.NoPermit;
        run.Store.PermitAfter["d"] = TimeSpan.FromSeconds(70);
        run.Store.PermitAfter["e"] = TimeSpan.FromSeconds(2);
        run.Ses.Failures["e@example.com"] = new SesException(SesErrorKind.Permanent, "MessageRejected", "Email address is not verified.", 400);

        await run.HandBackAsync(Minute, [.. "abcde".Select(id => SenderHarness.Record($"m-{id}", SenderHarness.Job(id.ToString())))]);

        var line = MetricLine(run);
        Assert.Equal([0, 1500, 4000], line.GetProperty(SenderMetricNames.SendPermitWait).EnumerateArray().Select(v => v.GetDouble()));
        Assert.Contains(line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray(),
            m => m.GetProperty("Name").GetString() == SenderMetricNames.SendPermitWait && m.GetProperty("Unit").GetString() == "Milliseconds");
    }

    [Fact]
    public async Task Without_a_governor_the_sender_writes_no_permit_wait()
    {
        var run = new SenderHarness();

        await run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")));

        Assert.False(MetricLine(run).TryGetProperty(SenderMetricNames.SendPermitWait, out _));
    }
}
