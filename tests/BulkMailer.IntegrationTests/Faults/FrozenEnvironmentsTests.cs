using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): several environments under the event source mapping, frozen between invocations longer
/// than the server's idle_session_timeout (the server reaps every connection), then thawed by new work.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class FrozenEnvironmentsTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Environments_frozen_past_idle_session_timeout_reconnect_once_each_and_send_every_job_once()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions
        {
            Name = "frozen",
            Concurrency = 3,
            IdleSessionTimeout = TimeSpan.FromMilliseconds(1500),
        });
        var jobs = pipeline.Jobs(60);
        await pipeline.EnqueueAsync(jobs.Take(30).Select(j => j.Body));
        await pipeline.StartAsync();
        Assert.True(await pipeline.WaitUntilSettledAsync(30, TimeSpan.FromSeconds(40)), "first half left unsettled");
        var environments = pipeline.Function.ColdStarts;

        // Every environment is frozen now; the server reaps their sessions.
        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Counter.ConnectionsOpen == 0, TimeSpan.FromSeconds(20)), "the server kept idle sessions");
        var openedBeforeThaw = pipeline.Counter.ConnectionsOpened;
        await pipeline.EnqueueAsync(jobs.Skip(30).Select(j => j.Body));

        Assert.True(await pipeline.WaitUntilSettledAsync(60, TimeSpan.FromSeconds(40)), "second half left unsettled");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        // Thawed, not replaced: no new environment, and the reaped connections were reopened.
        Assert.Equal(environments, pipeline.Function.ColdStarts);
        Assert.True(pipeline.Counter.ConnectionsOpened > openedBeforeThaw);
        Assert.True(pipeline.PeakSenderConnections is >= 1 and <= 3, pipeline.Diagnostics);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
