using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BulkMailer.Core.Feedback;
using BulkMailer.Core.Jobs;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalServers.Ses;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>The simulator turns each mail in the SES emulator's store into SES's events, once, in order.</summary>
public sealed class SesFeedbackSimulatorPollingTests : IDisposable
{
    private const string Topic = "arn:aws:sns:us-east-1:000000000000:ses-events";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private readonly JsonArray _emails = [];
    private readonly RecordingPublisher _publisher = new();
    private readonly SesMailTagLog _tags = new();
    private readonly ScriptedHandler _store;
    private readonly HttpClient _http;
    private readonly SesFeedbackSimulator _simulator;

    public SesFeedbackSimulatorPollingTests()
    {
        _store = new ScriptedHandler((request, _) =>
        {
            var since = request.RequestUri!.Query.StartsWith("?since=", StringComparison.Ordinal)
                ? long.Parse(request.RequestUri.Query["?since=".Length..], System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            var emails = new JsonArray([.. _emails.Where(e => e!["at"]!.GetValue<long>() >= since).Select(e => e!.DeepClone())]);
            var body = new JsonObject { ["templates"] = new JsonObject(), ["emails"] = emails }.ToJsonString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        });
        _http = new HttpClient(_store);
        _simulator = new SesFeedbackSimulator(
            new SesFeedbackSimulatorOptions { SesEndpoint = new Uri("http://127.0.0.1:9"), TopicArn = Topic },
            _publisher, _http, new FixedClock(Now), _tags);
    }

    public void Dispose()
    {
        _simulator.Dispose();
        _http.Dispose();
        _store.Dispose();
    }

    private void Accept(string messageId, string to, long? at = null, string from = "Acme News <news@acme.example>") =>
        _emails.Add(new JsonObject
        {
            ["messageId"] = messageId,
            ["from"] = from,
            ["destination"] = new JsonObject { ["to"] = new JsonArray(to), ["cc"] = new JsonArray(), ["bcc"] = new JsonArray() },
            ["subject"] = "hello",
            ["at"] = at ?? Now.ToUnixTimeSeconds() - 1,
        });

    private List<FeedbackEvent> PublishedEvents() =>
        [.. _publisher.Published.Select(p => Assert.Single(FeedbackParser.Parse(p.Message, "sqs-1").Events))];

    [Fact]
    public async Task A_complaint_mail_publishes_send_delivery_and_complaint_in_that_order_to_the_topic()
    {
        Accept("ses-1", "complaint+c1@simulator.amazonses.com");

        Assert.Equal(1, await _simulator.CatchUpAsync());

        Assert.All(_publisher.Published, p => Assert.Equal(Topic, p.TopicArn));
        var events = PublishedEvents();
        Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Delivery, FeedbackEventTypes.Complaint], events.Select(e => e.EventType));
        Assert.All(events, e => Assert.Equal("ses-1", e.SesMessageId));
        Assert.Equal([MailStatus.Sent, MailStatus.Delivered, MailStatus.Complained], events.Select(e => e.NewStatus));
        Assert.Equal(["complaint+c1@simulator.amazonses.com"], events[2].Suppressions.Select(s => s.Email));
    }

    [Fact]
    public async Task Events_carry_the_senders_address_and_the_configuration_set_as_ses_writes_them()
    {
        Accept("ses-1", "ada@example.com");

        await _simulator.CatchUpAsync();

        var mail = JsonNode.Parse(_publisher.Published[0].Message)!["mail"]!;
        Assert.Equal("news@acme.example", mail["source"]!.GetValue<string>());
        Assert.Equal("bulkmailer-events", mail["tags"]!["ses:configuration-set"]![0]!.GetValue<string>());
        Assert.Equal("ada@example.com", mail["destination"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mail_without_tags_waits_while_a_send_through_the_front_is_unanswered_and_then_carries_the_tags_recorded()
    {
        _tags.SendStarted();
        Accept("ses-1", "ada@example.com");
        Accept("ses-2", "grace@example.com");

        Assert.Equal(0, await _simulator.CatchUpAsync());

        _tags.Record(SesSendRequest.Parse("""
            {"Destination":{"ToAddresses":["ada@example.com"]},"ConfigurationSetName":"campaign-set",
             "EmailTags":[{"Name":"bulkmailer-job","Value":"c3ByaW5nLzE"}]}
            """, bulk: false), ["ses-1"]);
        _tags.SendEnded();
        Assert.Equal(2, await _simulator.CatchUpAsync());

        // ses-2 never came through the front (sent to the emulator directly): once nothing is in flight it goes out untagged.
        Assert.Equal([("ses-1", "spring/1"), ("ses-1", "spring/1"), ("ses-2", null), ("ses-2", null)], PublishedEvents().Select(e => (e.SesMessageId, e.JobId)));
        var tags = JsonNode.Parse(_publisher.Published[0].Message)!["mail"]!["tags"]!;
        Assert.Equal("campaign-set", tags["ses:configuration-set"]![0]!.GetValue<string>());
        Assert.Equal("c3ByaW5nLzE", tags["bulkmailer-job"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Each_mail_is_published_once_however_often_the_store_is_read()
    {
        Accept("ses-1", "bounce+b1@simulator.amazonses.com");
        Assert.Equal(1, await _simulator.CatchUpAsync());

        Accept("ses-2", "success@simulator.amazonses.com");
        Assert.Equal(1, await _simulator.CatchUpAsync());
        Assert.Equal(0, await _simulator.CatchUpAsync());

        Assert.Equal(2, _simulator.MailsSeen);
        Assert.Equal(4, _simulator.EventsPublished);
        Assert.Equal(
            [("ses-1", FeedbackEventTypes.Send), ("ses-1", FeedbackEventTypes.Bounce), ("ses-2", FeedbackEventTypes.Send), ("ses-2", FeedbackEventTypes.Delivery)],
            PublishedEvents().Select(e => (e.SesMessageId, e.EventType)));
    }

    [Fact]
    public async Task Counts_are_kept_per_event_kind()
    {
        Accept("ses-1", "success@simulator.amazonses.com");
        Accept("ses-2", "bounce@simulator.amazonses.com");
        Accept("ses-3", "complaint@simulator.amazonses.com");
        Accept("ses-4", "suppressionlist@simulator.amazonses.com");
        Accept("ses-5", "ooto@simulator.amazonses.com");

        await _simulator.CatchUpAsync();

        var counts = _simulator.PublishedByKind;
        Assert.Equal(5, counts[SesEventKind.Send]);
        Assert.Equal(3, counts[SesEventKind.Delivery]);
        Assert.Equal(1, counts[SesEventKind.PermanentBounce]);
        Assert.Equal(1, counts[SesEventKind.SuppressedBounce]);
        Assert.Equal(1, counts[SesEventKind.Complaint]);
        Assert.Equal(0, counts[SesEventKind.TransientBounce]);
        Assert.Equal(11, _simulator.EventsPublished);
        Assert.Equal(5, _simulator.MailsSeen);
    }

    [Fact]
    public async Task Events_are_published_ten_per_call()
    {
        for (var i = 0; i < 20; i++)
        {
            Accept($"ses-{i}", $"r{i}@example.com");
        }

        await _simulator.CatchUpAsync();

        Assert.Equal(40, _simulator.EventsPublished);
        Assert.Equal(4, _publisher.Calls);
    }

    [Fact]
    public async Task A_mail_that_does_not_fit_the_current_call_goes_whole_into_the_next_one_with_its_events_in_order()
    {
        for (var i = 0; i < 4; i++)
        {
            Accept($"ses-{i}", "complaint@simulator.amazonses.com");
        }

        await _simulator.CatchUpAsync();

        Assert.Equal(2, _publisher.Calls);
        Assert.All(PublishedEvents().GroupBy(e => e.SesMessageId), mail =>
            Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Delivery, FeedbackEventTypes.Complaint], mail.Select(e => e.EventType)));
    }

    [Fact]
    public async Task After_the_first_read_the_store_is_asked_only_for_mails_since_the_newest_second_seen()
    {
        var second = Now.ToUnixTimeSeconds() - 5;
        Accept("ses-1", "ada@example.com", at: second);

        await _simulator.CatchUpAsync();
        await _simulator.CatchUpAsync();

        Assert.Equal("/store", _store.Requests[0].RequestUri!.PathAndQuery);
        Assert.Equal($"/store?since={second}", _store.Requests[1].RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task A_mail_accepted_in_the_same_second_as_an_earlier_one_is_still_published()
    {
        var second = Now.ToUnixTimeSeconds() - 5;
        Accept("ses-1", "ada@example.com", at: second);
        await _simulator.CatchUpAsync();

        Accept("ses-2", "bob@example.com", at: second);
        Assert.Equal(1, await _simulator.CatchUpAsync());

        Assert.Equal(["ses-1", "ses-1", "ses-2", "ses-2"], PublishedEvents().Select(e => e.SesMessageId));
    }

    [Fact]
    public async Task A_mail_whose_publishing_failed_is_published_again_on_the_next_pass()
    {
        Accept("ses-1", "ada@example.com");
        _publisher.FailOn = "\"eventType\":\"Delivery\"";
        await Assert.ThrowsAsync<HttpRequestException>(() => _simulator.CatchUpAsync());
        Assert.Equal(0, _simulator.MailsSeen);

        _publisher.FailOn = null;
        Assert.Equal(1, await _simulator.CatchUpAsync());

        Assert.Equal(1, _simulator.MailsSeen);
        Assert.Equal([FeedbackEventTypes.Send, FeedbackEventTypes.Send, FeedbackEventTypes.Delivery], PublishedEvents().Select(e => e.EventType));
    }

    [Fact]
    public async Task Mails_accepted_before_since_are_ignored()
    {
        using var simulator = new SesFeedbackSimulator(
            new SesFeedbackSimulatorOptions { SesEndpoint = new Uri("http://127.0.0.1:9"), TopicArn = Topic, Since = Now },
            _publisher, _http, new FixedClock(Now));
        Accept("ses-old", "ada@example.com", at: Now.ToUnixTimeSeconds() - 60);
        Accept("ses-new", "bob@example.com", at: Now.ToUnixTimeSeconds());

        Assert.Equal(1, await simulator.CatchUpAsync());

        Assert.All(PublishedEvents(), e => Assert.Equal("ses-new", e.SesMessageId));
    }

    [Fact]
    public async Task The_polling_loop_survives_a_failed_pass_and_publishes_on_a_later_one()
    {
        Accept("ses-1", "ada@example.com");
        _publisher.FailOn = "\"eventType\":\"Delivery\"";
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var loop = _simulator.RunAsync(stop.Token);

        await Until(() => _simulator.FailedPasses > 0, stop.Token);
        _publisher.FailOn = null;
        await Until(() => _simulator.MailsSeen == 1, stop.Token);
        await stop.CancelAsync();
        await loop;

        Assert.IsType<HttpRequestException>(_simulator.LastError);
        Assert.Equal(FeedbackEventTypes.Delivery, PublishedEvents()[^1].EventType);
    }

    private static async Task Until(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    [Fact]
    public async Task With_an_outcome_delay_a_mail_is_published_only_once_it_is_that_old_and_none_is_skipped()
    {
        var clock = new FixedClock(Now);
        using var delayed = new SesFeedbackSimulator(
            new SesFeedbackSimulatorOptions { SesEndpoint = new Uri("http://127.0.0.1:9"), TopicArn = Topic, OutcomeDelay = TimeSpan.FromSeconds(3) },
            _publisher, _http, clock);
        Accept("old", "success@simulator.amazonses.com", at: Now.ToUnixTimeSeconds() - 5);
        Accept("young", "success@simulator.amazonses.com", at: Now.ToUnixTimeSeconds() - 1);

        Assert.Equal(1, await delayed.CatchUpAsync());
        Assert.Equal(["old", "old"], PublishedEvents().Select(e => e.SesMessageId));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await delayed.CatchUpAsync());
        Assert.Equal(0, await delayed.CatchUpAsync());
        Assert.Equal(["old", "old", "young", "young"], PublishedEvents().Select(e => e.SesMessageId));
    }
}
