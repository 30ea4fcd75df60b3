using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary>
/// <c>bulkmailer campaign cancel|pause|resume</c> with the real sender <c>bootstrap</c> under the local Lambda service
/// and its SQS event source mapping (<see cref="SenderPipeline"/>): what the queued jobs then become.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class CampaignSenderTests(LocalServersFixture stack)
{
    [Fact]
    public async Task A_cancelled_campaigns_queued_jobs_end_cancelled_and_are_never_sent_while_other_campaigns_are()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "cancelled" });
        var jobs = pipeline.Jobs(30);
        // The last ten belong to another campaign, which goes on as usual.
        var bodies = jobs.Select((j, i) => i < 20 ? j.Body : j.Body.Replace("\"campaignId\":\"cancelled\"", "\"campaignId\":\"kept\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, bodies.Count(b => b.Contains("\"kept\"", StringComparison.Ordinal)));
        await pipeline.EnqueueAsync(bodies);

        // Right after the enqueue: no job of the campaign is recorded yet.
        var (exitCode, _, _) = await OperatorCli.RunAsync("campaign", "cancel", "--db", pipeline.Db, "cancelled");
        await pipeline.StartAsync();

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        Assert.Equal(["cancelled|20", "sent|10"], await TableState.LinesAsync(pipeline.Db, "select status || '|' || count(*) from mail_message group by status order by status"));
        Assert.Equal(10, pipeline.Ses.Forwarded);
        Assert.Equal(jobs.Skip(20).Select(j => j.Recipient).Order(StringComparer.Ordinal), await SesStore.RecipientsAsync(stack.SesEndpoint, pipeline.Marker));
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }

    [Fact]
    public async Task A_paused_campaign_stays_in_the_queue_unsent_and_is_sent_once_resumed()
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = "paused" });
        var jobs = pipeline.Jobs(10);
        await OperatorCli.RunAsync("campaign", "pause", "--db", pipeline.Db, "paused");
        await pipeline.EnqueueAsync(jobs.Select(j => j.Body));
        await pipeline.StartAsync();

        Assert.True(await SenderPipeline.WaitForAsync(() => pipeline.Mapping.ItemsHandedBack >= 2 * jobs.Count, TimeSpan.FromSeconds(30)), pipeline.Diagnostics);
        Assert.Equal(0, pipeline.Ses.Forwarded);
        Assert.Equal(0, await stack.ScalarAsync<long>(pipeline.Db, "select count(*) from mail_message"));

        var (resumed, _, _) = await OperatorCli.RunAsync("campaign", "resume", "--db", pipeline.Db, "paused");

        Assert.Equal(OperatorExitCodes.Success, resumed);
        Assert.True(await pipeline.WaitUntilSettledAsync(jobs.Count, TimeSpan.FromSeconds(60)), $"jobs left unsettled; {pipeline.Diagnostics}");
        var report = await pipeline.CheckAsync(jobs);
        Assert.True(report.Holds, report.ToString());
        Assert.Equal(0, await pipeline.DepthAsync(pipeline.DlqUrl));
    }
}
