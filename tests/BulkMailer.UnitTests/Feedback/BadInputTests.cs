using BulkMailer.Core.Feedback;

namespace BulkMailer.UnitTests.Feedback;

/// <summary>Whatever the queue holds, the parser answers with something to record; it never throws.</summary>
public sealed class BadInputTests
{
    private static FeedbackEvent ParseInvalid(string? body, string expectedType, FeedbackBodyFormat expectedFormat = FeedbackBodyFormat.Unrecognized)
    {
        var result = FeedbackParser.Parse(body, "sqs-bad");
        Assert.Equal(FeedbackParseKind.Invalid, result.Kind);
        Assert.Equal(expectedFormat, result.BodyFormat);
        Assert.Null(result.Ses);
        var e = Assert.Single(result.Events);
        Assert.Equal(expectedType, e.EventType);
        Assert.Equal(body ?? "", e.Raw);
        Assert.Equal(FeedbackEventKey.ForRawBody(body ?? ""), e.EventKey);
        Assert.Null(e.NewStatus);
        Assert.Empty(e.Suppressions);
        Assert.Empty(e.SuppressionCandidates);
        Assert.NotNull(e.Error);
        return e;
    }

    [Fact]
    public void A_body_that_is_not_json_is_unparseable_with_where_it_broke() =>
        Assert.Equal("body is not JSON (line 1, byte 1)", ParseInvalid("hello, world", FeedbackEventTypes.Unparseable).Error);

    [Theory, InlineData(""), InlineData("   "), InlineData(null)]
    public void An_empty_body_is_unparseable(string? body) =>
        Assert.Equal("body is empty", ParseInvalid(body, FeedbackEventTypes.Unparseable).Error);

    [Fact]
    public void A_json_array_is_unparseable() =>
        Assert.Equal("body is a JSON array, not an object", ParseInvalid("[1,2]", FeedbackEventTypes.Unparseable).Error);

    [Fact]
    public void A_json_object_of_another_shape_is_unparseable() =>
        Assert.Equal(
            "JSON object is neither an SNS message (no Type) nor an SES event (no eventType/notificationType)",
            ParseInvalid("""{"jobId":"a-mail-job-in-the-wrong-queue"}""", FeedbackEventTypes.Unparseable).Error);

    [Fact]
    public void Json_nested_beyond_reason_is_unparseable_without_throwing() =>
        Assert.StartsWith("body is not JSON", ParseInvalid(new string('[', 10_000), FeedbackEventTypes.Unparseable).Error);

    [Fact]
    public void An_unknown_event_type_is_unknown_and_still_names_its_mail_and_job()
    {
        var body = FeedbackFixtures.WithJobTag(
            FeedbackFixtures.Edit(FeedbackFixtures.Read("event-send.json"), root => root["eventType"] = "Teleport"),
            "welcome/1");

        var e = ParseInvalid(body, FeedbackEventTypes.Unknown, FeedbackBodyFormat.RawSes);

        Assert.Equal("unknown SES eventType 'Teleport'", e.Error);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
        Assert.Equal("welcome/1", e.JobId);
    }

    [Fact]
    public void An_event_type_that_is_not_a_string_is_unknown() =>
        Assert.Equal("SES eventType is missing or not a string",
            ParseInvalid("""{"eventType":42,"mail":{"messageId":"m-1"}}""", FeedbackEventTypes.Unknown, FeedbackBodyFormat.RawSes).Error);

    [Fact]
    public void An_unknown_type_is_echoed_short_and_stripped_of_markup()
    {
        var longType = string.Concat(Enumerable.Repeat("abcdefghij", 10)) + "<script>";

        var e = ParseInvalid($$"""{"eventType":"{{longType}}"}""", FeedbackEventTypes.Unknown, FeedbackBodyFormat.RawSes);

        Assert.Equal("unknown SES eventType 'abcdefghijabcdefghijabcdefghijabcdefghij'", e.Error);
    }

    [Fact]
    public void An_event_without_a_mail_id_is_unparseable() =>
        Assert.Equal("SES Bounce event has no mail.messageId",
            ParseInvalid(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-bounce.json"), root => root.Remove("mail")), FeedbackEventTypes.Unparseable, FeedbackBodyFormat.RawSes).Error);

    [Fact]
    public void A_bounce_without_its_bounce_object_is_unparseable_but_keeps_its_mail_id()
    {
        var e = ParseInvalid(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-bounce.json"), root => root.Remove("bounce")),
            FeedbackEventTypes.Unparseable, FeedbackBodyFormat.RawSes);

        Assert.Equal("SES Bounce event has no bounce object", e.Error);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
    }

    [Fact]
    public void A_known_field_of_the_wrong_type_is_unparseable_and_says_where()
    {
        var e = ParseInvalid(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-delivery.json"), root => root["mail"]!["destination"] = "recipient@example.com"),
            FeedbackEventTypes.Unparseable, FeedbackBodyFormat.RawSes);

        Assert.Equal("SES Delivery event has a field of the wrong type at $.mail.destination", e.Error);
    }

    [Fact]
    public void An_sns_notification_whose_message_is_not_json_is_unparseable_and_keeps_the_whole_body()
    {
        var body = FeedbackFixtures.Read("sns-notification.json");
        var result = FeedbackParser.Parse(body, "sqs-bad");

        var e = ParseInvalid(body, FeedbackEventTypes.Unparseable, FeedbackBodyFormat.SnsEnvelope);
        Assert.Equal("SNS Message is not JSON (line 1, byte 1)", e.Error);
        Assert.Equal(FeedbackFixtures.SnsEnvelopeMessageId, result.SnsMessageId);
    }

    [Fact]
    public void An_sns_notification_whose_message_is_other_json_is_unparseable() =>
        Assert.Equal("SNS Message is not an SES event (no eventType/notificationType)",
            ParseInvalid(FeedbackFixtures.InSnsEnvelope("""{"hello":"world"}"""), FeedbackEventTypes.Unparseable, FeedbackBodyFormat.SnsEnvelope).Error);

    [Fact]
    public void An_sns_notification_without_a_message_is_unparseable() =>
        Assert.Equal("SNS notification has no Message string",
            ParseInvalid("""{"Type":"Notification","MessageId":"m","TopicArn":"t"}""", FeedbackEventTypes.Unparseable, FeedbackBodyFormat.SnsEnvelope).Error);

    [Fact]
    public void An_sns_message_of_an_unknown_type_is_unknown() =>
        Assert.Equal("SNS message Type 'Telegram' is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation",
            ParseInvalid("""{"Type":"Telegram","MessageId":"m","TopicArn":"t","Message":"{}"}""", FeedbackEventTypes.Unknown, FeedbackBodyFormat.SnsEnvelope).Error);

    [Fact]
    public void A_redelivered_bad_body_gets_the_same_key()
    {
        const string body = "{\"truncated\":";
        Assert.Equal(FeedbackParser.Parse(body, "sqs-1").Event!.EventKey, FeedbackParser.Parse(body, "sqs-2").Event!.EventKey);
    }

    [Fact]
    public void Errors_never_carry_a_full_email_address()
    {
        var body = FeedbackFixtures.Edit(FeedbackFixtures.Read("event-delivery.json"), root =>
            root["mail"]!["tags"]!["ada@example.com"] = "not-an-array");

        var e = ParseInvalid(body, FeedbackEventTypes.Unparseable, FeedbackBodyFormat.RawSes);

        Assert.DoesNotContain("ada@example.com", e.Error);
        Assert.Contains("a***@example.com#", e.Error);
    }
}
