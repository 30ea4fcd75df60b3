using System.Diagnostics;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// An SES outage longer than five visibility timeouts, at the deployed ratios (scaled to a 2 s function timeout:
/// visibility 12 s, first hand-back wait 12 s, maxReceiveCount 5): SES answers every send 429 "Daily message quota
/// exceeded." (an account-level stop) against the real sender, fauxqs and its event source mapping. The handed-back
/// jobs' next appearance is pushed out (ChangeMessageVisibility, first wait = the visibility timeout, doubling), so
/// the outage does not burn their receives into the DLQ; once it clears, every job is sent exactly once.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class AccountStopTests(LocalServersFixture stack)
{
    [Fact]
    public async Task An_SES_outage_longer_than_five_visibility_timeouts_spaces_out_the_receives_sends_nothing_to_the_DLQ_and_after_it_clears_sends_every_job_once()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions
        {
            Name = "quota", FunctionTimeout = TimeSpan.FromSeconds(2),
        });
        // Without back-off a refused job would come back every visibility timeout and reach maxReceiveCount within
        // five of them; with it, its receives come at about 0, 1, 3 and 7 visibility timeouts.
        var visibility = TimeSpan.FromSeconds(pipeline.Options.VisibilityTimeoutSeconds);
        var outage = pipeline.Options.MaxReceiveCount * visibility + TimeSpan.FromSeconds(3);
        pipeline.Ses.DailyQuotaExceeded = true;
        var jobs = pipeline.Jobs(20);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();
        var clock = Stopwatch.StartNew();

        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Ses.QuotaRefusals >= 2 * jobs.Count, outage),
            $"the jobs were not tried a second time within the outage; {pipeline.Ses.QuotaRefusals} refusals; {pipeline.Diagnostics}");
        // The outage itself is the fault: it lasts its full length whatever the sender does meanwhile.
        await Task.Delay(outage - clock.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        var refusals = pipeline.Ses.QuotaRefusals;
        var dlqDuringOutage = await pipeline.DepthAsync(pipeline.DlqUrl);
        pipeline.Ses.DailyQuotaExceeded = false;

        Assert.True(refusals <= 3 * jobs.Count, $"{refusals} refusals of {jobs.Count} jobs in {outage.TotalSeconds} s: the receives were not spaced out; {pipeline.Diagnostics}");
        Assert.Equal(0, dlqDuringOutage);
        // The next appearance is at most four visibility timeouts after the outage ends (the wait after the third receive).
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, 4 * visibility + TimeSpan.FromSeconds(15)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
