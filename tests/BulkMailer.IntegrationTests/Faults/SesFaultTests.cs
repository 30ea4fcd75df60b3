using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// Fault suite (README, "Fault suite"): SES throttling (429 TooManyRequestsException) and 5xx injected at a rate, seeded, by the
/// fault proxy in front of aws-ses-v2-local: handed back, retried after the visibility timeout.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SesFaultTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Throttled_and_failed_ses_calls_are_handed_back_and_every_job_is_sent_exactly_once()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "sesfaults", Concurrency = 2 });
        pipeline.Ses.Seed = 8;
        pipeline.Ses.ThrottleRate = 0.2;
        pipeline.Ses.ServerErrorRate = 0.1;
        // One fault per job at most: at the deployed ratios each costs a visibility timeout (a throttled job's
        // hand-back waits the first hand-back delay, a 5xx'd one the visibility timeout), which bounds the test.
        pipeline.Ses.MaxConsecutiveFaults = 1;
        var jobs = pipeline.Jobs(100);
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();

        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        var faults = pipeline.Ses.InjectedThrottles + pipeline.Ses.InjectedServerErrors;
        Assert.True(pipeline.Ses.InjectedThrottles > 0);
        Assert.True(pipeline.Ses.InjectedServerErrors > 0);
        Assert.Equal(jobs.Count, pipeline.Ses.Forwarded);
        Assert.True(pipeline.Mapping.ItemsHandedBack >= faults);
        // A throttled job's lease was released and its redelivery claimed it at once; a 5xx'd job kept its lease (SES
        // may have sent it), so deliveries before it expired were handed back unclaimed: one claim per job plus one
        // per injected fault, none more.
        Assert.Equal(jobs.Count + faults, await stack.ScalarAsync<long>(pipeline.Db, "select sum(attempts) from mail_message"));
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
        Assert.True(pipeline.PeakSenderConnections is >= 1 and <= 2, pipeline.Diagnostics);
    }
}
