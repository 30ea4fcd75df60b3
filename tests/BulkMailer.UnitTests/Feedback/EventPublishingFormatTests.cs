using BulkMailer.Core.Feedback;
using BulkMailer.Core.Feedback.Events;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Feedback;

/// <summary>Every record of "Examples of event data that Amazon SES publishes to Amazon SNS", raw and in SNS's envelope.</summary>
public sealed class EventPublishingFormatTests
{
    private static (FeedbackParseResult Result, FeedbackEvent Event, SesEvent Ses) Parse(string fixture, bool enveloped)
    {
        var result = FeedbackParser.Parse(FeedbackFixtures.Body(fixture, enveloped), "sqs-1");
        Assert.Equal(FeedbackParseKind.Events, result.Kind);
        Assert.Equal(enveloped ? FeedbackBodyFormat.SnsEnvelope : FeedbackBodyFormat.RawSes, result.BodyFormat);
        Assert.Equal(SesEventFormat.EventPublishing, result.SesFormat);
        Assert.Equal("sqs-1", result.SqsMessageId);
        Assert.Equal(enveloped ? FeedbackFixtures.SnsEnvelopeMessageId : null, result.SnsMessageId);
        Assert.Equal(enveloped ? FeedbackFixtures.SnsTopicArn : null, result.TopicArn);
        var e = Assert.Single(result.Events);
        Assert.Same(result.Event, e);
        Assert.Null(e.Error);
        Assert.Null(e.JobId);
        Assert.Equal(FeedbackFixtures.Read(fixture), e.Raw);
        Assert.Matches("^[0-9a-f]{64}$", e.EventKey);
        return (result, e, result.Ses!);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory, InlineData(false), InlineData(true)]
    public void A_permanent_bounce_marks_the_mail_bounced_and_suppresses_the_bounced_recipient(bool enveloped)
    {
        var (_, e, ses) = Parse("event-bounce.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Bounce, e.EventType);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
        Assert.Equal(At("2017-08-05T00:41:02.669Z"), e.OccurredAt);
        Assert.Equal(MailStatus.Bounced, e.NewStatus);
        Assert.Equal("Permanent/General: 5.1.1 smtp; 550 5.1.1 user unknown", e.Detail);
        Assert.Equal([new SuppressionEntry("recipient@example.com", "bounce:Permanent/General")], e.Suppressions);
        Assert.Empty(e.SuppressionCandidates);

        Assert.Equal("Permanent", ses.Bounce!.BounceType);
        Assert.Equal("General", ses.Bounce.BounceSubType);
        Assert.Equal("01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000", ses.Bounce.FeedbackId);
        Assert.Equal("dsn; mta.example.com", ses.Bounce.ReportingMta);
        var recipient = Assert.Single(ses.Bounce.BouncedRecipients!);
        Assert.Equal(("recipient@example.com", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"),
            (recipient.EmailAddress, recipient.Action, recipient.Status, recipient.DiagnosticCode));
        Assert.Equal("2017-08-05T00:40:02.012Z", ses.Mail!.Timestamp);
        Assert.Equal("Sender Name <sender@example.com>", ses.Mail.Source);
        Assert.Equal(["recipient@example.com"], ses.Mail.Destination!);
        Assert.Equal(["ConfigSet"], ses.Mail.Tags!["ses:configuration-set"]);
        Assert.Equal(["ses_user"], ses.Mail.Tags["ses:caller-identity"]);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_complaint_marks_the_mail_complained_and_suppresses_the_complainant_with_the_feedback_type(bool enveloped)
    {
        var (_, e, ses) = Parse("event-complaint.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Complaint, e.EventType);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
        Assert.Equal(At("2017-08-05T00:41:02.669Z"), e.OccurredAt);
        Assert.Equal(MailStatus.Complained, e.NewStatus);
        Assert.Equal("complaint: abuse", e.Detail);
        Assert.Equal([new SuppressionEntry("recipient@example.com", "complaint:abuse")], e.Suppressions);

        Assert.Equal("abuse", ses.Complaint!.ComplaintFeedbackType);
        Assert.Equal("01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000", ses.Complaint.FeedbackId);
        Assert.Equal("2017-08-05T00:41:02.669Z", ses.Complaint.ArrivalDate);
        Assert.StartsWith("Mozilla/5.0 (Windows NT 10.0", ses.Complaint.UserAgent);
        Assert.Equal("recipient@example.com", Assert.Single(ses.Complaint.ComplainedRecipients!).EmailAddress);
        Assert.Equal("2017-08-05T00:40:01.123Z", ses.Mail!.Timestamp);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_delivery_marks_the_mail_delivered_with_the_smtp_response(bool enveloped)
    {
        var (_, e, ses) = Parse("event-delivery.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Delivery, e.EventType);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
        Assert.Equal(At("2016-10-19T23:21:04.133Z"), e.OccurredAt);
        Assert.Equal(MailStatus.Delivered, e.NewStatus);
        Assert.Equal("250 2.6.0 Message received", e.Detail);
        Assert.Empty(e.Suppressions);

        Assert.Equal(11893, ses.Delivery!.ProcessingTimeMillis);
        Assert.Equal(["recipient@example.com"], ses.Delivery.Recipients!);
        Assert.Equal("mta.example.com", ses.Delivery.ReportingMta);
        Assert.Equal(["myCustomTagValue1"], ses.Mail!.Tags!["myCustomTag1"]);
        Assert.Equal(["192.0.2.0"], ses.Mail.Tags["ses:outgoing-ip"]);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_send_marks_the_mail_sent_at_the_time_ses_accepted_it(bool enveloped)
    {
        var (_, e, ses) = Parse("event-send.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Send, e.EventType);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
        Assert.Equal(At("2016-10-14T05:02:16.645Z"), e.OccurredAt);
        Assert.Equal(MailStatus.Sent, e.NewStatus);
        Assert.Null(e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.NotNull(ses.Send);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_reject_fails_the_mail_with_ses_s_reason(bool enveloped)
    {
        var (_, e, ses) = Parse("event-reject.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Reject, e.EventType);
        Assert.Equal(At("2016-10-14T17:38:15.211Z"), e.OccurredAt);
        Assert.Equal(MailStatus.Failed, e.NewStatus);
        Assert.Equal("rejected by SES: Bad content", e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Equal("Bad content", ses.Reject!.Reason);
        Assert.Equal(["sender@example.com"], ses.Mail!.Destination!);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void An_open_is_recorded_without_changing_the_mail(bool enveloped)
    {
        var (_, e, ses) = Parse("event-open.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Open, e.EventType);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, e.SesMessageId);
        Assert.Equal(At("2017-08-09T22:00:19.652Z"), e.OccurredAt);
        Assert.Null(e.NewStatus);
        Assert.Null(e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Equal("192.0.2.1", ses.Open!.IpAddress);
        Assert.StartsWith("Mozilla/5.0 (iPhone;", ses.Open.UserAgent);
        Assert.Equal("2017-08-09T21:59:49.927Z", ses.Mail!.Timestamp);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_click_is_recorded_with_its_link_without_changing_the_mail(bool enveloped)
    {
        var (_, e, ses) = Parse("event-click.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Click, e.EventType);
        Assert.Equal(At("2017-08-09T23:51:25.570Z"), e.OccurredAt);
        Assert.Null(e.NewStatus);
        Assert.Equal("http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html", e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Equal("http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html", ses.Click!.Link);
        Assert.Equal(["samplevalue0"], ses.Click.LinkTags!["samplekey0"]);
        Assert.Equal("192.0.2.1", ses.Click.IpAddress);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_rendering_failure_fails_the_mail_with_the_template_and_error(bool enveloped)
    {
        var (_, e, ses) = Parse("event-rendering-failure.json", enveloped);

        Assert.Equal(FeedbackEventTypes.RenderingFailure, e.EventType);
        Assert.Equal("Rendering Failure", ses.EventType);
        Assert.Equal(At("2018-01-22T18:43:06.197Z"), e.OccurredAt);
        Assert.Equal(MailStatus.Failed, e.NewStatus);
        Assert.Equal("rendering failed (MyTemplate): Attribute 'attributeName' is not present in the rendering data.", e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Equal("MyTemplate", ses.Failure!.TemplateName);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_delivery_delay_is_recorded_without_status_change_or_suppression(bool enveloped)
    {
        var (_, e, ses) = Parse("event-delivery-delay.json", enveloped);

        Assert.Equal(FeedbackEventTypes.DeliveryDelay, e.EventType);
        Assert.Equal(At("2020-06-16T00:25:40.095Z"), e.OccurredAt);
        Assert.Null(e.NewStatus);
        Assert.Equal("TransientCommunicationFailure until 2020-06-16T00:25:40.914Z: 4.4.1 smtp; 421 4.4.1 Unable to connect to remote host", e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Empty(e.SuppressionCandidates);
        Assert.Equal("TransientCommunicationFailure", ses.DeliveryDelay!.DelayType);
        Assert.Equal("2020-06-16T00:25:40.914Z", ses.DeliveryDelay.ExpirationTime);
        var delayed = Assert.Single(ses.DeliveryDelay.DelayedRecipients!);
        Assert.Equal(("recipient@example.com", "4.4.1"), (delayed.EmailAddress, delayed.Status));
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_subscription_change_is_recorded_with_the_new_preferences_without_changing_the_mail(bool enveloped)
    {
        var (_, e, ses) = Parse("event-subscription.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Subscription, e.EventType);
        Assert.Equal("EXAMPLEe4bccb684-777bc8de-afa7-4970-92b0-f515137b1497-000000", e.SesMessageId);
        Assert.Equal(At("2022-01-12T01:00:17.910Z"), e.OccurredAt);
        Assert.Null(e.NewStatus);
        Assert.Equal("ContactListName: unsubscribeAll=true via UnsubscribeHeader; opted out of ExampleTopicName", e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Equal("ContactListName", ses.Subscription!.ContactList);
        Assert.True(ses.Subscription.NewTopicPreferences!.UnsubscribeAll);
        Assert.False(ses.Subscription.OldTopicPreferences!.UnsubscribeAll);
        var topic = Assert.Single(ses.Subscription.NewTopicPreferences.TopicSubscriptionStatus!);
        Assert.Equal(("ExampleTopicName", "OptOut"), (topic.TopicName, topic.SubscriptionStatus));
        Assert.Equal(["SendEmail"], ses.Mail!.Tags!["ses:operation"]);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void The_job_id_is_recovered_from_the_senders_tag(bool enveloped)
    {
        var sesJson = FeedbackFixtures.WithJobTag(FeedbackFixtures.Read("event-delivery.json"), "welcome-2026-11-22/000042");
        var body = enveloped ? FeedbackFixtures.InSnsEnvelope(sesJson) : sesJson;

        var e = FeedbackParser.Parse(body, "sqs-1").Event!;

        Assert.Equal("welcome-2026-11-22/000042", e.JobId);
        Assert.Equal(MailStatus.Delivered, e.NewStatus);
    }

    [Fact]
    public void A_tag_value_that_is_not_base64url_gives_no_job_id()
    {
        var sesJson = FeedbackFixtures.WithTag(FeedbackFixtures.Read("event-send.json"), "bulkmailer-job", "not base64!");

        var e = FeedbackParser.Parse(sesJson, "sqs-1").Event!;

        Assert.Null(e.JobId);
        Assert.Null(e.Error);
    }
}
