using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): every job enqueued twice, the copies placed in neighbouring batches so that several
/// environments hold copies of the same job at the same time.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class DuplicateDeliveryTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Each_job_delivered_twice_and_concurrently_is_mailed_once_and_claimed_once()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "dupes", Concurrency = 3, SendParallelism = 2 });
        pipeline.Ses.ReplyDelay = TimeSpan.FromMilliseconds(200);
        var jobs = pipeline.Jobs(60);
        var bodies = SenderPipeline.TwiceInNeighbouringBatches(jobs);
        Assert.Equal(2 * jobs.Count, bodies.Count);
        await pipeline.EnqueueAsync(bodies);
        await pipeline.StartAsync();

        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.True(pipeline.Mapping.MessagesReceived >= bodies.Count);
        Assert.Equal(jobs.Count, await stack.ScalarAsync<long>(pipeline.Db, "select sum(attempts) from mail_message"));
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
        Assert.True(pipeline.PeakSenderConnections is >= 1 and <= 3, pipeline.Diagnostics);
    }
}
