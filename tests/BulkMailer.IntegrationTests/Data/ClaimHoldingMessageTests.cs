using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>A claim remembers the SQS message that holds it, so duplicates of a job in other messages can be acknowledged.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class ClaimHoldingMessageTests(LocalServersFixture stack) : MailStoreTest(stack, "claim-holder-tests")
{
    private static ClaimRequest Job(string id, string messageId) => new(id, "c1", "ada@example.com", MessageId: messageId);

    [Fact]
    public async Task A_different_message_for_a_job_another_message_is_sending_is_held_elsewhere_and_untouched()
    {
        await Store.ClaimBatchAsync([Job("j1", "m1")], "inv-1", Lease);

        var outcome = Assert.Single(await Store.ClaimBatchAsync([Job("j1", "m2")], "inv-2", Lease));

        Assert.Equal(ClaimDecision.HeldByAnotherMessage, outcome.Decision);
        Assert.Equal(["j1|sending|1|-|-"], await TableState.MessagesAsync(Db));
        Assert.Equal("m1", await Stack.ScalarAsync<string>(Db, "select lease_message from mail_message"));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_while_in_flight_is_handed_back_not_acknowledged()
    {
        await Store.ClaimBatchAsync([Job("j1", "m1")], "inv-1", Lease);

        var outcome = Assert.Single(await Store.ClaimBatchAsync([Job("j1", "m1")], "inv-2", Lease));

        Assert.Equal(ClaimDecision.InFlight, outcome.Decision);
    }

    [Fact]
    public async Task A_released_lease_is_claimed_by_whichever_message_comes_next()
    {
        await Store.ClaimBatchAsync([Job("j1", "m1")], "inv-1", Lease);
        await Store.RecordResultsAsync([new SendResult("j1", "sending", null, "TooManyRequestsException", ReleaseLease: true)]);

        var outcome = Assert.Single(await Store.ClaimBatchAsync([Job("j1", "m2")], "inv-2", Lease));

        Assert.Equal(ClaimDecision.Send, outcome.Decision);
        Assert.Equal("m2", await Stack.ScalarAsync<string>(Db, "select lease_message from mail_message"));
    }
}
