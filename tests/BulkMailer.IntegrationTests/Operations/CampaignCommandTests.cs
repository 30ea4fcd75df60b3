using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary><c>bulkmailer campaign cancel|pause|resume</c>, and what the sender's claim then decides (real PostgreSQL).</summary>
[Collection(LocalServersCollection.Name)]
public sealed class CampaignCommandTests(LocalServersFixture stack) : MailStoreTest(stack, "campaign-tests")
{
    private static ClaimRequest Job(string id, string campaign) => new(id, campaign, $"{id}@example.com", MessageId: $"m-{id}");

    private static string Decisions(IEnumerable<ClaimOutcome> outcomes) =>
        string.Join(",", outcomes.OrderBy(o => o.JobId, StringComparer.Ordinal).Select(o => $"{o.JobId}:{o.Decision}"));

    [Fact]
    public async Task Cancelling_a_campaign_none_of_whose_jobs_was_claimed_records_them_cancelled_at_their_claim()
    {
        var (exitCode, output, _) = await OperatorCli.RunAsync("campaign", "cancel", "--db", Db, "spring");

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        Assert.Contains("campaign 'spring' cancelled", output, StringComparison.Ordinal);
        var outcomes = await Store.ClaimBatchAsync([Job("a", "spring"), Job("b", "spring"), Job("c", "other")], "inv-1", Lease);

        Assert.Equal("a:Cancelled,b:Cancelled,c:Send", Decisions(outcomes));
        Assert.Equal(
            ["a|cancelled|0|-|campaign cancelled before the mail was sent", "b|cancelled|0|-|campaign cancelled before the mail was sent", "c|sending|1|-|-"],
            await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task Cancelling_leaves_jobs_SES_accepted_and_jobs_in_flight_as_they_are()
    {
        await Store.ClaimBatchAsync([Job("sent", "summer"), Job("flying", "summer")], "inv-1", Lease);
        await Store.RecordResultsAsync([new SendResult("sent", "sent", "ses-1", null)]);

        await OperatorCli.RunAsync("campaign", "cancel", "--db", Db, "summer");
        var outcomes = await Store.ClaimBatchAsync([Job("sent", "summer"), Job("flying", "summer")], "inv-2", Lease);

        Assert.Equal("flying:InFlight,sent:AlreadyFinal", Decisions(outcomes));
        Assert.Equal(["flying|sending|1|-|-", "sent|sent|1|ses-1|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_job_of_a_cancelled_campaign_whose_lease_expired_is_recorded_cancelled_instead_of_sent_again()
    {
        await Store.ClaimBatchAsync([Job("dead", "autumn")], "inv-1", Lease);
        // Its environment died: the lease ran out.
        await OperatorDatabase.ExecuteAsync(Db, "update mail_message set lease_until = now() - interval '1 minute' where job_id = 'dead'");
        await OperatorCli.RunAsync("campaign", "cancel", "--db", Db, "autumn");

        var outcomes = await Store.ClaimBatchAsync([Job("dead", "autumn")], "inv-2", Lease);

        Assert.Equal("dead:Cancelled", Decisions(outcomes));
        Assert.Equal("cancelled", await Stack.ScalarAsync<string>(Db, "select status from mail_message where job_id = 'dead'"));
    }

    [Fact]
    public async Task A_paused_campaigns_jobs_are_not_claimed_until_it_is_resumed()
    {
        var (paused, pauseOutput, _) = await OperatorCli.RunAsync("campaign", "pause", "--db", Db, "winter");
        var whilePaused = await Store.ClaimBatchAsync([Job("w1", "winter"), Job("o1", "other")], "inv-1", Lease);
        var rowsWhilePaused = await TableState.MessagesAsync(Db);
        var (resumed, _, _) = await OperatorCli.RunAsync("campaign", "resume", "--db", Db, "winter");
        var afterResume = await Store.ClaimBatchAsync([Job("w1", "winter")], "inv-2", Lease);

        Assert.Equal(OperatorExitCodes.Success, paused);
        Assert.Contains("paused", pauseOutput, StringComparison.Ordinal);
        Assert.Equal("o1:Send,w1:Paused", Decisions(whilePaused));
        Assert.Equal(["o1|sending|1|-|-"], rowsWhilePaused);
        Assert.Equal(OperatorExitCodes.Success, resumed);
        Assert.Equal("w1:Send", Decisions(afterResume));
    }

    [Fact]
    public async Task A_cancelled_campaign_is_never_paused_or_resumed_again()
    {
        await OperatorCli.RunAsync("campaign", "cancel", "--db", Db, "gone");

        var (resume, _, error) = await OperatorCli.RunAsync("campaign", "resume", "--db", Db, "gone");
        var (pause, _, _) = await OperatorCli.RunAsync("campaign", "pause", "--db", Db, "gone");

        Assert.Equal(OperatorExitCodes.Refused, resume);
        Assert.Equal(OperatorExitCodes.Refused, pause);
        Assert.Contains("is cancelled", error, StringComparison.Ordinal);
        Assert.Equal("cancelled", await Stack.ScalarAsync<string>(Db, "select state from campaign where campaign_id = 'gone'"));
    }

    [Fact]
    public async Task A_paused_campaign_shows_in_status_before_any_of_its_jobs_is_claimed()
    {
        await OperatorCli.RunAsync("campaign", "pause", "--db", Db, "early");

        var (all, output, _) = await OperatorCli.RunAsync("status", "--db", Db, "--json");
        var (one, _, error) = await OperatorCli.RunAsync("status", "--db", Db, "--campaign", "early");

        Assert.Equal(OperatorExitCodes.Success, all);
        Assert.Contains("\"state\": \"paused\"", output, StringComparison.Ordinal);
        Assert.Equal(OperatorExitCodes.NotFound, one);
        Assert.Contains("state paused", error, StringComparison.Ordinal);
    }
}
