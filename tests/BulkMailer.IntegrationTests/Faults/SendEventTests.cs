using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// SES's Send events out of step with the sender, at the deployed ratios: late (ingested only after the sender
/// recorded the jobs and a redelivery of each was acknowledged) and lost (never ingested). The sender's own record
/// settles every job either way; a late event moves nothing back and sends nothing.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SendEventTests(LocalServersFixture stack)
{
    private const string SendEventRows = "select count(*) from mail_event where event_type = 'Send' and error is null and job_id is not null";

    [Fact]
    public async Task Send_events_arriving_after_the_record_and_a_redelivery_change_nothing_and_every_job_is_sent_once()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "lateevent" });
        pipeline.SendEventsHeld = true;
        var jobs = pipeline.Jobs(30);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();

        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(40)), $"jobs left unsettled; {pipeline.Diagnostics}");
        // Every job delivered again (as after a lost acknowledgement), before any Send event arrived.
        var receivedBefore = pipeline.Mapping.MessagesReceived;
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Mapping.MessagesReceived >= receivedBefore + jobs.Count, TimeSpan.FromSeconds(30)), pipeline.Diagnostics);
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(30)), $"redeliveries left on the queue; {pipeline.Diagnostics}");
        var statusesBefore = await TableState.LinesAsync(pipeline.Db, "select job_id || ':' || status from mail_message order by job_id");
        Assert.Equal(0, await stack.ScalarAsync<long>(pipeline.Db, SendEventRows));

        pipeline.SendEventsHeld = false;
        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.SendEventsFed >= jobs.Count, TimeSpan.FromSeconds(20)), $"late Send events not ingested; {pipeline.Diagnostics}");

        Assert.Equal(jobs.Count, await stack.ScalarAsync<long>(pipeline.Db, SendEventRows));
        Assert.Equal(statusesBefore, await TableState.LinesAsync(pipeline.Db, "select job_id || ':' || status from mail_message order by job_id"));
        Assert.All(statusesBefore, line => Assert.EndsWith(":sent", line, StringComparison.Ordinal));
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.Equal(jobs.Count, await stack.ScalarAsync<long>(pipeline.Db, "select sum(attempts) from mail_message"));
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.QueueUrl));
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }

    [Fact]
    public async Task With_every_Send_event_lost_the_senders_record_settles_each_job_delivered_twice_and_concurrently_once()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "lostevent", Concurrency = 3, SendParallelism = 2 });
        pipeline.SendEventsHeld = true;
        // Slow replies keep the first copy's lease live while its neighbour batch meets the second copy.
        pipeline.Ses.ReplyDelay = TimeSpan.FromMilliseconds(150);
        var jobs = pipeline.Jobs(40);
        await pipeline.EnqueueAsync(SenderPipeline.TwiceInNeighbouringBatches(jobs));
        await pipeline.StartAsync();

        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.Equal(0, pipeline.SendEventsFed);
        Assert.Equal(0, await stack.ScalarAsync<long>(pipeline.Db, SendEventRows));
        Assert.Equal([$"sent|{jobs.Count}"], await TableState.LinesAsync(pipeline.Db, "select status || '|' || count(*) from mail_message group by status"));
        Assert.True(pipeline.Mapping.MessagesReceived >= 2 * jobs.Count);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
