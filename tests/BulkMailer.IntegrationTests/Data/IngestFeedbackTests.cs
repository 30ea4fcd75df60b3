using BulkMailer.Core.Feedback;
using BulkMailer.Data.Mail;
using BulkMailer.Feedback.Ports;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalServersCollection.Name)]
public sealed class IngestFeedbackTests(LocalServersFixture stack) : MailStoreTest(stack, "ingest-tests")
{
    private async Task SentAsync(string jobId, string recipient, string sesMessageId)
    {
        await Store.ClaimBatchAsync([new ClaimRequest(jobId, "c", recipient)], "inv", Lease);
        await Store.RecordResultsAsync([new SendResult(jobId, "sent", sesMessageId, null)]);
    }

    private static FeedbackEvent Event(string key, string type, string sesMessageId, string? status, params SuppressionEntry[] suppressions) => new()
    {
        EventKey = key,
        EventType = type,
        SesMessageId = sesMessageId,
        OccurredAt = DateTimeOffset.UtcNow,
        NewStatus = status,
        Detail = type == "Bounce" ? "Permanent/General" : null,
        Suppressions = suppressions,
        Raw = "{}",
    };

    [Fact]
    public async Task The_same_event_twice_is_one_row_and_the_second_ingest_changes_nothing()
    {
        await SentAsync("j1", "ada@example.com", "ses-1");
        var delivery = Event("k-delivery-1", "Delivery", "ses-1", "delivered");

        var first = await Store.IngestFeedbackAsync([delivery]);
        var second = await Store.IngestFeedbackAsync([delivery]);

        Assert.Equal(new FeedbackIngestResult(1, 1, 0, 0), first);
        Assert.Equal(new FeedbackIngestResult(0, 0, 0, 0), second);
        Assert.Equal(["Delivery|j1|ses-1|-"], await TableState.EventsAsync(Db));
        Assert.Equal(["j1|delivered|1|ses-1|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_permanent_bounce_marks_the_job_bounced_and_suppresses_the_recipient()
    {
        await SentAsync("j1", "Ada@Example.com", "ses-1");

        var result = await Store.IngestFeedbackAsync([Event("k-bounce-1", "Bounce", "ses-1", "bounced", new SuppressionEntry("ada@example.com", "bounce:Permanent/General"))]);

        Assert.Equal(new FeedbackIngestResult(1, 1, 1, 0), result);
        Assert.Equal(["j1|bounced|1|ses-1|Permanent/General"], await TableState.MessagesAsync(Db));
        Assert.Equal(["ada@example.com|bounce:Permanent/General|ses-feedback"], await TableState.SuppressionsAsync(Db));
    }

    [Fact]
    public async Task Out_of_order_events_leave_the_highest_status_reached()
    {
        await SentAsync("j1", "ada@example.com", "ses-1");

        await Store.IngestFeedbackAsync([Event("k-complaint", "Complaint", "ses-1", "complained", new SuppressionEntry("ada@example.com", "complaint:abuse"))]);
        await Store.IngestFeedbackAsync([Event("k-delivery", "Delivery", "ses-1", "delivered"), Event("k-send", "Send", "ses-1", "sent")]);

        Assert.Equal(["j1|complained|1|ses-1|-"], await TableState.MessagesAsync(Db));
        Assert.Equal(3, await Stack.ScalarAsync<long>(Db, "select count(*) from mail_event"));
    }

    [Fact]
    public async Task Several_events_of_one_job_in_one_batch_settle_on_the_highest_rank()
    {
        await SentAsync("j1", "ada@example.com", "ses-1");

        await Store.IngestFeedbackAsync([Event("k-d", "Delivery", "ses-1", "delivered"), Event("k-c", "Complaint", "ses-1", "complained"), Event("k-s", "Send", "ses-1", "sent")]);

        Assert.Equal(["j1|complained|1|ses-1|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task A_job_left_sending_is_settled_through_its_job_id_tag()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("orphan", "c", "ada@example.com")], "dead-invocation", Lease);

        var send = Event("k-send", "Send", "ses-9", "sent") with { JobId = "orphan" };
        var result = await Store.IngestFeedbackAsync([send]);

        Assert.Equal(new FeedbackIngestResult(1, 1, 0, 0), result);
        Assert.Equal(["orphan|sent|1|ses-9|-"], await TableState.MessagesAsync(Db));
        Assert.Equal(0, await Stack.ScalarAsync<long>(Db, "select count(*) from mail_message where lease_until is not null"));
    }

    [Fact]
    public async Task A_delivery_before_the_senders_record_then_the_record_ends_delivered()
    {
        await Store.ClaimBatchAsync([new ClaimRequest("j1", "c", "ada@example.com")], "inv", Lease);
        await Store.IngestFeedbackAsync([Event("k-d", "Delivery", "ses-1", "delivered") with { JobId = "j1" }]);

        await Store.RecordResultsAsync([new SendResult("j1", "sent", "ses-1", null)]);

        Assert.Equal(["j1|delivered|1|ses-1|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task An_event_for_an_unknown_message_is_recorded_with_a_reason_and_counted()
    {
        var result = await Store.IngestFeedbackAsync([Event("k-x", "Delivery", "ses-unknown", "delivered")]);

        Assert.Equal(new FeedbackIngestResult(1, 0, 0, 1), result);
        Assert.Equal(["Delivery|-|ses-unknown|no job found for this SES message"], await TableState.EventsAsync(Db));
    }

    [Fact]
    public async Task An_unparseable_body_is_recorded_raw_with_its_error()
    {
        var garbage = new FeedbackEvent { EventKey = "raw-1", EventType = "Unparseable", Raw = "not json", Error = "body is not JSON" };

        var result = await Store.IngestFeedbackAsync([garbage, garbage]);

        Assert.Equal(new FeedbackIngestResult(1, 0, 0, 0), result);
        Assert.Equal(["Unparseable|-|-|body is not JSON"], await TableState.EventsAsync(Db));
        Assert.Equal("not json", await Stack.ScalarAsync<string>(Db, "select raw from mail_event"));
    }
}
