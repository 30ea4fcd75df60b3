using System.Diagnostics;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// An account-level stop (SES answering every send 429 "Daily message quota exceeded.") against the real sender,
/// fauxqs and its event source mapping: the handed-back jobs' next appearance is pushed out (ChangeMessageVisibility,
/// first wait = the visibility timeout, doubling), so the stop does not burn their receives into the DLQ; once it
/// clears, every job is sent exactly once.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class AccountStopTests(LocalServersFixture stack)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task A_daily_quota_stop_spaces_out_the_receives_sends_nothing_to_the_DLQ_and_after_it_clears_sends_every_job_once()
    {
        // Visibility timeout 2 s: without back-off a refused job would come back every 2 s and reach maxReceiveCount 5
        // within 10 s. With it, its receives come at about 0, 2, 6 and 14 s.
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions
        {
            Name = "quota", VisibilityTimeoutSeconds = 2, MaxReceiveCount = 5, HandBackLongestDelaySeconds = 30,
        });
        pipeline.Ses.DailyQuotaExceeded = true;
        var jobs = pipeline.Jobs(20);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();
        var outage = Stopwatch.StartNew();

        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Ses.QuotaRefusals >= 2 * jobs.Count, Outage),
            $"the jobs were not tried a second time within the outage; {pipeline.Ses.QuotaRefusals} refusals; {pipeline.Diagnostics}");
        await Task.Delay(Outage - outage.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        var refusals = pipeline.Ses.QuotaRefusals;
        var dlqDuringOutage = await pipeline.DepthAsync(pipeline.DlqUrl);
        pipeline.Ses.DailyQuotaExceeded = false;

        Assert.True(refusals <= 3 * jobs.Count, $"{refusals} refusals of {jobs.Count} jobs in {Outage.TotalSeconds} s: the receives were not spaced out; {pipeline.Diagnostics}");
        Assert.Equal(0, dlqDuringOutage);
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
