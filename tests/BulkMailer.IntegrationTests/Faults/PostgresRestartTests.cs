using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): the PostgreSQL server restarted (every connection cut, new ones refused for a while)
/// while the sender works through a few hundred jobs under the event source mapping.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class PostgresRestartTests(LocalServersFixture stack)
{
    [Fact]
    public async Task A_database_restart_in_the_middle_of_a_run_loses_no_job_sends_none_twice_and_stays_within_the_connection_budget()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions
        {
            Name = "pgrestart",
            Concurrency = 3,
        });
        var jobs = pipeline.Jobs(300);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();

        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Ses.Accepted.Count >= 60, TimeSpan.FromSeconds(40)), "the run did not start");
        await stack.Postgres.RestartAsync();
        var acceptedAtRestart = pipeline.Ses.Accepted.Count;

        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(90)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.InRange(acceptedAtRestart, 60, jobs.Count - 1);
        // Every environment that outlived the restart opened a new connection; never more than one each at once.
        Assert.True(pipeline.Counter.ConnectionsOpened > pipeline.Function.ColdStarts);
        Assert.True(pipeline.PeakSenderConnections is >= 1 and <= 3, pipeline.Diagnostics);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
