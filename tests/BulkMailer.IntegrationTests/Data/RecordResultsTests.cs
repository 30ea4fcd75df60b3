using BulkMailer.Core.Feedback;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalServersCollection.Name)]
public sealed class RecordResultsTests(LocalServersFixture stack) : MailStoreTest(stack, "record-tests")
{
    [Fact]
    public async Task Sent_and_permanently_failed_results_become_final_and_release_the_lease()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com"), new ClaimRequest("b", null, "b@example.com")], "inv", Lease);

        await Store.RecordResultsAsync([new SendResult("a", "sent", "ses-a", null), new SendResult("b", "failed", null, "MessageRejected: bad content")]);

        Assert.Equal(["a|sent|1|ses-a|-", "b|failed|1|-|MessageRejected: bad content"], await TableState.MessagesAsync(Db));
        Assert.Equal(0, await Stack.ScalarAsync<long>(Db, "select count(*) from mail_message where lease_owner is not null or lease_until is not null"));
    }

    [Fact]
    public async Task A_repeated_ses_message_id_never_fails_the_record_of_a_batch()
    {
        // aws-ses-v2-local draws 9 random digits per id, so a 100 000-mail run repeats a few; a unique index made
        // the whole batch fail on every redelivery (found by the 100k bench). SES's ids are unique; the store must not care.
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com"), new ClaimRequest("b", null, "b@example.com")], "inv", Lease);

        await Store.RecordResultsAsync([new SendResult("a", "sent", "ses-same", null), new SendResult("b", "sent", "ses-same", null)]);

        Assert.Equal(["a|sent|1|ses-same|-", "b|sent|1|ses-same|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_late_sent_record_does_not_move_a_delivered_job_backwards()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv", Lease);
        await Store.IngestFeedbackAsync([Delivery("ses-a", "a")]);

        await Store.RecordResultsAsync([new SendResult("a", "sent", "ses-a", null)]);

        Assert.Equal(["a|delivered|1|ses-a|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_transient_failure_ses_did_not_accept_releases_the_lease_for_an_immediate_retry()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv-1", Lease);
        await Store.RecordResultsAsync([new SendResult("a", "sending", null, "TooManyRequestsException", ReleaseLease: true)]);

        var retry = await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv-2", Lease);

        Assert.Equal(ClaimDecision.Send, Assert.Single(retry).Decision);
        Assert.Equal(["a|sending|2|-|TooManyRequestsException"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task An_ambiguous_transient_failure_keeps_the_lease_so_no_second_send_starts_before_it_expires()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv-1", Lease);
        await Store.RecordResultsAsync([new SendResult("a", "sending", null, "timeout", ReleaseLease: false)]);

        var retry = await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv-2", Lease);

        Assert.Equal(ClaimDecision.InFlight, Assert.Single(retry).Decision);
    }

    [Fact]
    public async Task A_late_sent_record_keeps_the_bounce_diagnostic_feedback_wrote_first()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv", Lease);
        await Store.IngestFeedbackAsync([Delivery("ses-a", "a") with
        {
            EventKey = "bounce-ses-a",
            EventType = "Bounce",
            NewStatus = "bounced",
            Detail = "smtp; 550 5.1.1 user unknown",
        }]);

        await Store.RecordResultsAsync([new SendResult("a", "sent", "ses-a", null)]);

        Assert.Equal(["a|bounced|1|ses-a|smtp; 550 5.1.1 user unknown"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_record_that_finds_the_job_still_sending_writes_its_own_error()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com")], "inv", Lease);
        await Store.RecordResultsAsync([new SendResult("a", "sending", null, "first try", ReleaseLease: true)]);

        await Store.RecordResultsAsync([new SendResult("a", "failed", null, "MessageRejected: no")]);

        Assert.Equal(["a|failed|1|-|MessageRejected: no"], await TableState.MessagesAsync(Db));
    }

    internal static FeedbackEvent Delivery(string sesMessageId, string? jobId) => new()
    {
        EventKey = $"delivery-{sesMessageId}",
        EventType = "Delivery",
        SesMessageId = sesMessageId,
        JobId = jobId,
        OccurredAt = DateTimeOffset.UtcNow,
        NewStatus = "delivered",
        Raw = "{}",
    };
}
