using System.Text.Json.Nodes;
using BulkMailer.Core.Feedback;

namespace BulkMailer.UnitTests.Feedback;

public sealed class FeedbackEventKeyTests
{
    private static readonly string[] EventPublishingFixtures =
    [
        "event-bounce.json", "event-complaint.json", "event-delivery.json", "event-send.json", "event-reject.json",
        "event-open.json", "event-click.json", "event-rendering-failure.json", "event-delivery-delay.json", "event-subscription.json",
    ];

    private static string KeyOf(string body) => FeedbackParser.Parse(body, "sqs").Event!.EventKey;

    public static TheoryData<string> AllSesFixtures() =>
    [
        .. EventPublishingFixtures,
        "notification-bounce-with-dsn.json", "notification-bounce-without-dsn.json",
        "notification-complaint-with-feedback.json", "notification-complaint-without-feedback.json", "notification-delivery.json",
    ];

    [Theory, MemberData(nameof(AllSesFixtures))]
    public void The_same_event_enveloped_and_raw_has_the_same_key(string fixture) =>
        Assert.Equal(KeyOf(FeedbackFixtures.Body(fixture, enveloped: false)), KeyOf(FeedbackFixtures.Body(fixture, enveloped: true)));

    [Theory, MemberData(nameof(AllSesFixtures))]
    public void A_redelivered_body_has_the_same_key(string fixture)
    {
        var body = FeedbackFixtures.Body(fixture, enveloped: true);
        Assert.Equal(KeyOf(body), KeyOf(body));
    }

    [Fact]
    public void The_same_event_republished_by_sns_under_another_message_id_has_the_same_key()
    {
        var ses = FeedbackFixtures.Read("event-bounce.json");
        Assert.Equal(
            KeyOf(FeedbackFixtures.InSnsEnvelope(ses, "11111111-1111-1111-1111-111111111111")),
            KeyOf(FeedbackFixtures.InSnsEnvelope(ses, "22222222-2222-2222-2222-222222222222")));
    }

    [Fact]
    public void Every_event_type_of_one_mail_has_its_own_key()
    {
        // All of AWS's event-publishing examples (but Subscription) describe the same message id.
        var keys = EventPublishingFixtures.Select(f => KeyOf(FeedbackFixtures.Read(f))).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Two_clicks_at_different_times_have_different_keys()
    {
        var first = FeedbackFixtures.Read("event-click.json");
        var later = FeedbackFixtures.Edit(first, root => root["click"]!["timestamp"] = "2017-08-09T23:52:00.000Z");
        Assert.NotEqual(KeyOf(first), KeyOf(later));
    }

    [Fact]
    public void Two_clicks_on_different_links_at_the_same_time_have_different_keys()
    {
        var first = FeedbackFixtures.Read("event-click.json");
        var other = FeedbackFixtures.Edit(first, root => root["click"]!["link"] = "https://acme.example/other");
        Assert.NotEqual(KeyOf(first), KeyOf(other));
    }

    [Fact]
    public void Two_delays_of_one_mail_have_different_keys()
    {
        var first = FeedbackFixtures.Read("event-delivery-delay.json");
        var retry = FeedbackFixtures.Edit(first, root => root["deliveryDelay"]!["timestamp"] = "2020-06-16T00:35:40.095Z");
        Assert.NotEqual(KeyOf(first), KeyOf(retry));
    }

    [Fact]
    public void One_bounce_reported_in_both_ses_formats_is_one_event()
    {
        var eventPublishing = FeedbackFixtures.Read("event-bounce.json");
        var notification = FeedbackFixtures.Edit(eventPublishing, root =>
        {
            root.Remove("eventType");
            root["notificationType"] = "Bounce";
            root["mail"]!.AsObject().Remove("tags");
        });
        Assert.Equal(KeyOf(eventPublishing), KeyOf(notification));
    }

    [Fact]
    public void Two_bounces_of_one_mail_with_different_feedback_ids_have_different_keys()
    {
        var first = FeedbackFixtures.Read("event-bounce.json");
        var second = FeedbackFixtures.Edit(first, root => root["bounce"]!["feedbackId"] = "01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000001");
        Assert.NotEqual(KeyOf(first), KeyOf(second));
    }

    [Fact]
    public void A_bounce_without_a_feedback_id_is_keyed_by_its_time_and_recipients()
    {
        var withoutId = FeedbackFixtures.Edit(FeedbackFixtures.Read("event-bounce.json"), root => root["bounce"]!.AsObject().Remove("feedbackId"));
        var otherRecipient = FeedbackFixtures.Edit(withoutId, root =>
            root["bounce"]!["bouncedRecipients"]![0]!["emailAddress"] = "other@example.com");

        Assert.Equal(KeyOf(withoutId), KeyOf(withoutId));
        Assert.NotEqual(KeyOf(withoutId), KeyOf(otherRecipient));
    }

    [Fact]
    public void Formatting_differences_in_the_ses_json_do_not_change_the_key()
    {
        var pretty = FeedbackFixtures.Read("event-delivery.json");
        var compact = JsonNode.Parse(pretty)!.ToJsonString();
        Assert.Equal(KeyOf(pretty), KeyOf(compact));
    }

    [Fact]
    public void The_key_of_a_parsed_event_matches_the_public_key_function()
    {
        var result = FeedbackParser.Parse(FeedbackFixtures.Read("event-open.json"), "sqs");
        Assert.Equal(FeedbackEventKey.ForSesEvent(result.Ses!), result.Event!.EventKey);
    }

    [Fact]
    public void An_unusable_body_is_keyed_by_its_exact_text_and_never_like_an_ses_event()
    {
        const string body = "definitely not json";
        var key = KeyOf(body);

        Assert.Equal(FeedbackEventKey.ForRawBody(body), key);
        Assert.Equal(key, KeyOf(body));
        Assert.NotEqual(key, KeyOf(body + " "));
        Assert.Matches("^[0-9a-f]{64}$", key);
    }
}
