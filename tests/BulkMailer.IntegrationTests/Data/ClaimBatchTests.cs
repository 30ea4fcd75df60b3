using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalServersCollection.Name)]
public sealed class ClaimBatchTests(LocalServersFixture stack) : MailStoreTest(stack, "claim-tests")
{
    private static ClaimRequest Job(string id, string to = "ada@example.com") => new(id, "c1", to);

    private static string Decisions(IEnumerable<ClaimOutcome> outcomes) =>
        string.Join(",", outcomes.OrderBy(o => o.JobId, StringComparer.Ordinal).Select(o => $"{o.JobId}:{o.Decision}"));

    [Fact]
    public async Task New_jobs_are_claimed_for_sending_and_recorded_as_sending()
    {
        var outcomes = await Store.ClaimBatchAsync([Job("j1"), Job("j2")], "inv-1", Lease);

        Assert.Equal("j1:Send,j2:Send", Decisions(outcomes));
        Assert.Equal(["j1|sending|1|-|-", "j2|sending|1|-|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_job_id_twice_in_one_batch_is_one_row_and_one_decision()
    {
        var outcomes = await Store.ClaimBatchAsync([Job("dup"), Job("dup"), Job("other")], "inv-1", Lease);

        Assert.Equal("dup:Send,other:Send", Decisions(outcomes));
        Assert.Equal(["dup|sending|1|-|-", "other|sending|1|-|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_job_already_sent_is_not_claimed_again_by_a_later_batch()
    {
        await Store.ClaimBatchAsync([Job("j1")], "inv-1", Lease);
        await Store.RecordResultsAsync([new SendResult("j1", "sent", "ses-1", null)]);

        var outcomes = await Store.ClaimBatchAsync([Job("j1"), Job("j2")], "inv-2", Lease);

        Assert.Equal("j1:AlreadyFinal,j2:Send", Decisions(outcomes));
        Assert.Equal(["j1|sent|1|ses-1|-", "j2|sending|1|-|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_job_under_another_invocations_live_lease_is_in_flight_and_untouched()
    {
        await Store.ClaimBatchAsync([Job("j1")], "inv-1", Lease);

        var outcomes = await Store.ClaimBatchAsync([Job("j1")], "inv-2", Lease);

        Assert.Equal("j1:InFlight", Decisions(outcomes));
        Assert.Equal(["j1|sending|1|-|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task The_same_invocation_retrying_its_claim_gets_the_job_again()
    {
        await Store.ClaimBatchAsync([Job("j1")], "inv-1", Lease);

        var outcomes = await Store.ClaimBatchAsync([Job("j1")], "inv-1", Lease);

        Assert.Equal("j1:Send", Decisions(outcomes));
    }

    [Fact]
    public async Task A_job_whose_lease_expired_is_claimed_again_with_one_more_attempt()
    {
        await Store.ClaimBatchAsync([Job("j1")], "inv-1", TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);

        var outcomes = await Store.ClaimBatchAsync([Job("j1")], "inv-2", Lease);

        Assert.Equal("j1:Send", Decisions(outcomes));
        Assert.Equal(["j1|sending|2|-|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_suppressed_recipient_ends_suppressed_whatever_the_case_of_the_address()
    {
        await Store.SuppressAsync("Bounced@Example.com", "bounce:Permanent/General", "test");

        var outcomes = await Store.ClaimBatchAsync([Job("j1", "BOUNCED@example.COM"), Job("j2")], "inv-1", Lease);

        Assert.Equal("j1:Suppressed,j2:Send", Decisions(outcomes));
        Assert.Equal(["j1|suppressed|0|-|recipient is on the suppression list", "j2|sending|1|-|-"], await TableState.MessagesAsync(Db));
        Assert.Equal(["bounced@example.com|bounce:Permanent/General|test"], await TableState.SuppressionsAsync(Db));
    }

    [Fact]
    public async Task An_invalid_job_is_recorded_rejected_with_its_reason()
    {
        var outcomes = await Store.ClaimBatchAsync([new ClaimRequest("bad", null, null, "to must be exactly one valid recipient address")], "inv-1", Lease);

        Assert.Equal("bad:Rejected", Decisions(outcomes));
        Assert.Equal(["bad|rejected|0|-|to must be exactly one valid recipient address"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task An_invalid_redelivery_never_overrides_a_valid_claim()
    {
        await Store.ClaimBatchAsync([Job("j1")], "inv-1", TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);

        var outcomes = await Store.ClaimBatchAsync([new ClaimRequest("j1", null, null, "broken copy")], "inv-2", Lease);

        Assert.Equal("j1:InFlight", Decisions(outcomes));
        Assert.Equal(["j1|sending|1|-|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task Two_environments_claiming_the_same_jobs_at_once_send_each_job_exactly_once()
    {
        var jobs = Enumerable.Range(0, 100).Select(i => Job($"race-{i:000}")).ToList();
        await using var other = new StaticConnection(Db, "claim-tests-other");
        var otherStore = new MailStore(other);

        for (var round = 0; round < 5; round++)
        {
            var batch = jobs.Select(j => j with { JobId = $"{j.JobId}-r{round}" }).ToList();
            var results = await Task.WhenAll(
                Store.ClaimBatchAsync(batch, "env-a", Lease),
                otherStore.ClaimBatchAsync(batch.AsEnumerable().Reverse().ToList(), "env-b", Lease));

            var sends = results.SelectMany(r => r).Where(o => o.Decision == ClaimDecision.Send).Select(o => o.JobId).ToList();
            Assert.Equal(batch.Count, sends.Count);
            Assert.Equal(batch.Count, sends.Distinct().Count());
            Assert.All(results.SelectMany(r => r), o => Assert.True(o.Decision is ClaimDecision.Send or ClaimDecision.InFlight));
        }
    }
}
