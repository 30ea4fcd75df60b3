using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): an execution environment SIGKILLed while SES replies are slow, so it dies mid-batch with
/// mails SES has accepted and mails it never sent, then the SQS redelivery to a fresh environment.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class KilledEnvironmentTests(LocalServersFixture stack)
{
    [Fact]
    public async Task An_environment_killed_mid_batch_settles_accepted_mails_by_their_send_event_and_resends_the_rest_once_the_lease_expires()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions
        {
            Name = "kill",
            Concurrency = 1,
            SendParallelism = 2,
        });
        // SES accepts at once but answers late: the sender learns of each mail 400 ms after SES has it.
        pipeline.Ses.ReplyDelay = TimeSpan.FromMilliseconds(400);
        var jobs = pipeline.Jobs(10);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();

        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Ses.Accepted.Count >= 3, TimeSpan.FromSeconds(40)), "SES never saw the first mails");
        var victim = Assert.Single(pipeline.Function.Environments);
        victim.Destroy();
        var acceptedAtKill = pipeline.Ses.Accepted.Count;
        pipeline.Ses.ReplyDelay = TimeSpan.Zero;

        // The killed batch comes back after the visibility timeout (18 s), when the leases (remaining time + extra) have run out.
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.InRange(acceptedAtKill, 3, jobs.Count - 1);
        Assert.True(pipeline.Mapping.FailedInvocations >= 1);
        Assert.True(pipeline.Function.ColdStarts >= 2);
        // The killed environment recorded nothing: what SES took from it was settled by its Send event (claimed once);
        // what it never sent was claimed again once its lease ran out, and sent then.
        var attempts = await TableState.LinesAsync(pipeline.Db, "select attempts::text from mail_message order by job_id");
        var claimedOnce = attempts.Count(a => a == "1");
        Assert.InRange(claimedOnce, 3, jobs.Count - 1);
        Assert.Equal(jobs.Count - claimedOnce, attempts.Count(a => a == "2"));
        Assert.Equal(jobs.Count, await stack.ScalarAsync<long>(pipeline.Db, "select count(*) from mail_event where event_type = 'Send' and error is null and job_id is not null"));
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
        Assert.True(pipeline.PeakSenderConnections == 1, pipeline.Diagnostics);
    }
}
