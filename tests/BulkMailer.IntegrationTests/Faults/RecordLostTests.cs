using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// The record round trip fails after SES accepted the batch (a trigger refuses every move to 'sent' — the sender's
/// record and, as during a database outage, the feedback ingest too), at the deployed ratios (visibility timeout
/// 6 × function timeout, lease = remaining time + extra): the sender retries within its time, then acknowledges the
/// jobs SES accepted instead of failing the invocation, so no redelivery sends them again after their leases run
/// out, and hands back only the jobs SES refused (throttled, seeded), which are sent once on their next delivery;
/// once the database takes writes again, their Send events settle them.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class RecordLostTests(LocalServersFixture stack)
{
    private const string RefuseSent = """
        create function refuse_sent() returns trigger language plpgsql as $$
        begin
            raise exception 'injected: the database refuses to record';
        end $$;
        create trigger refuse_sent before update on mail_message for each row when (new.status = 'sent') execute function refuse_sent();
        select 1;
        """;

    [Fact]
    public async Task Jobs_SES_accepted_whose_record_failed_are_not_sent_again_only_the_refused_go_back_and_their_Send_events_settle_them()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "recordlost" });
        await stack.ScalarAsync<int>(pipeline.Db, RefuseSent);
        // Some jobs of each batch refused once (nothing sent), beside the ones SES accepts.
        pipeline.Ses.Seed = 3;
        pipeline.Ses.ThrottleRate = 0.3;
        pipeline.Ses.MaxConsecutiveFaults = 1;
        var jobs = pipeline.Jobs(20);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();

        // The refused jobs come back after their hand-back wait (the visibility timeout), are accepted, and their record fails too.
        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Ses.Forwarded >= jobs.Count, TimeSpan.FromSeconds(45)), pipeline.Diagnostics);
        // Longer than a visibility timeout plus a lease: a batch handed back whole would be claimed and sent again by now.
        await Task.Delay(TimeSpan.FromSeconds(20));
        var depthDuringFault = await pipeline.DepthAsync(pipeline.QueueUrl);
        var sendingDuringFault = await stack.ScalarAsync<long>(pipeline.Db, "select count(*) from mail_message where status = 'sending'");
        await stack.ScalarAsync<int>(pipeline.Db, "drop trigger refuse_sent on mail_message; select 1");

        Assert.Equal(0, depthDuringFault);
        Assert.Equal(jobs.Count, sendingDuringFault);
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(30)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.InRange(pipeline.Ses.InjectedThrottles, 1, jobs.Count - 1);
        // One claim per job, one more per refused job: the accepted ones never went back to the queue.
        Assert.Equal(jobs.Count + pipeline.Ses.InjectedThrottles, await stack.ScalarAsync<long>(pipeline.Db, "select sum(attempts) from mail_message"));
        Assert.Equal(0, pipeline.Mapping.FailedInvocations);
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
