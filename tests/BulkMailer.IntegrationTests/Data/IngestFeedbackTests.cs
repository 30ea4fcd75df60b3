using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalStackCollection.Name)]
public sealed class IngestFeedbackTests(LocalStackFixture stack) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private string _db = "";
    private StaticConnection _connection = null!;
    private MailStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await stack.NewDatabaseAsync(nameof(IngestFeedbackTests));
        _connection = new StaticConnection(_db, "ingest-tests");
        _store = new MailStore(_connection);
    }

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    private async Task SentAsync(string jobId, string recipient, string sesMessageId)
    {
        await _store.ClaimBatchAsync([new ClaimRequest(jobId, "c", recipient)], "inv", Lease);
        await _store.RecordResultsAsync([new SendResult(jobId, "sent", sesMessageId, null)]);
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

        var first = await _store.IngestFeedbackAsync([delivery]);
        var second = await _store.IngestFeedbackAsync([delivery]);

        Assert.Equal(new FeedbackIngestResult(1, 1, 0, 0), first);
        Assert.Equal(new FeedbackIngestResult(0, 0, 0, 0), second);
        Assert.Equal(["Delivery|j1|ses-1|-"], await TableState.EventsAsync(_db));
        Assert.Equal(["j1|delivered|1|ses-1|-"], await TableState.MessagesAsync(_db));
    }

    [Fact]
    public async Task A_permanent_bounce_marks_the_job_bounced_and_suppresses_the_recipient()
    {
        await SentAsync("j1", "Ada@Example.com", "ses-1");

        var result = await _store.IngestFeedbackAsync([Event("k-bounce-1", "Bounce", "ses-1", "bounced", new SuppressionEntry("ada@example.com", "bounce:Permanent/General"))]);

        Assert.Equal(new FeedbackIngestResult(1, 1, 1, 0), result);
        Assert.Equal(["j1|bounced|1|ses-1|Permanent/General"], await TableState.MessagesAsync(_db));
        Assert.Equal(["ada@example.com|bounce:Permanent/General|ses-feedback"], await TableState.SuppressionsAsync(_db));
    }

    [Fact]
    public async Task Out_of_order_events_leave_the_highest_status_reached()
    {
        await SentAsync("j1", "ada@example.com", "ses-1");

        await _store.IngestFeedbackAsync([Event("k-complaint", "Complaint", "ses-1", "complained", new SuppressionEntry("ada@example.com", "complaint:abuse"))]);
        await _store.IngestFeedbackAsync([Event("k-delivery", "Delivery", "ses-1", "delivered"), Event("k-send", "Send", "ses-1", "sent")]);

        Assert.Equal(["j1|complained|1|ses-1|-"], await TableState.MessagesAsync(_db));
        Assert.Equal(3, await stack.ScalarAsync<long>(_db, "select count(*) from mail_event"));
    }

    [Fact]
    public async Task Several_events_of_one_job_in_one_batch_settle_on_the_highest_rank()
    {
        await SentAsync("j1", "ada@example.com", "ses-1");

        await _store.IngestFeedbackAsync([Event("k-d", "Delivery", "ses-1", "delivered"), Event("k-c", "Complaint", "ses-1", "complained"), Event("k-s", "Send", "ses-1", "sent")]);

        Assert.Equal(["j1|complained|1|ses-1|-"], await TableState.MessagesAsync(_db));
    }

    [Fact]
    public async Task A_job_left_sending_is_settled_through_its_job_id_tag()
    {
        await _store.ClaimBatchAsync([new ClaimRequest("orphan", "c", "ada@example.com")], "dead-invocation", Lease);

        var send = Event("k-send", "Send", "ses-9", "sent") with { JobId = "orphan" };
        var result = await _store.IngestFeedbackAsync([send]);

        Assert.Equal(new FeedbackIngestResult(1, 1, 0, 0), result);
        Assert.Equal(["orphan|sent|1|ses-9|-"], await TableState.MessagesAsync(_db));
        Assert.Equal(0, await stack.ScalarAsync<long>(_db, "select count(*) from mail_message where lease_until is not null"));
    }

    [Fact]
    public async Task A_delivery_before_the_senders_record_then_the_record_ends_delivered()
    {
        await _store.ClaimBatchAsync([new ClaimRequest("j1", "c", "ada@example.com")], "inv", Lease);
        await _store.IngestFeedbackAsync([Event("k-d", "Delivery", "ses-1", "delivered") with { JobId = "j1" }]);

        await _store.RecordResultsAsync([new SendResult("j1", "sent", "ses-1", null)]);

        Assert.Equal(["j1|delivered|1|ses-1|-"], await TableState.MessagesAsync(_db));
    }

    [Fact]
    public async Task An_event_for_an_unknown_message_is_recorded_with_a_reason_and_counted()
    {
        var result = await _store.IngestFeedbackAsync([Event("k-x", "Delivery", "ses-unknown", "delivered")]);

        Assert.Equal(new FeedbackIngestResult(1, 0, 0, 1), result);
        Assert.Equal(["Delivery|-|ses-unknown|no job found for this SES message"], await TableState.EventsAsync(_db));
    }

    [Fact]
    public async Task An_unparseable_body_is_recorded_raw_with_its_error()
    {
        var garbage = new FeedbackEvent { EventKey = "raw-1", EventType = "Unparseable", Raw = "not json", Error = "body is not JSON" };

        var result = await _store.IngestFeedbackAsync([garbage, garbage]);

        Assert.Equal(new FeedbackIngestResult(1, 0, 0, 0), result);
        Assert.Equal(["Unparseable|-|-|body is not JSON"], await TableState.EventsAsync(_db));
        Assert.Equal("not json", await stack.ScalarAsync<string>(_db, "select raw from mail_event"));
    }
}
