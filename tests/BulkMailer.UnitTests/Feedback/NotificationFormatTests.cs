using BulkMailer.Core.Feedback;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Feedback;

/// <summary>Every example of "Amazon SNS notification examples for Amazon SES" (identity notifications), raw and enveloped.</summary>
public sealed class NotificationFormatTests
{
    private static (FeedbackEvent Event, BulkMailer.Core.Feedback.Events.SesEvent Ses) Parse(string fixture, bool enveloped)
    {
        var result = FeedbackParser.Parse(FeedbackFixtures.Body(fixture, enveloped), "sqs-n");
        Assert.Equal(FeedbackParseKind.Events, result.Kind);
        Assert.Equal(SesEventFormat.Notification, result.SesFormat);
        Assert.Equal(enveloped ? FeedbackBodyFormat.SnsEnvelope : FeedbackBodyFormat.RawSes, result.BodyFormat);
        var e = Assert.Single(result.Events);
        Assert.Null(e.Error);
        Assert.Null(e.JobId);
        Assert.Equal(FeedbackFixtures.Read(fixture), e.Raw);
        return (e, result.Ses!);
    }

    private static readonly DateTimeOffset ExampleTime = new(2016, 1, 27, 14, 59, 38, 237, TimeSpan.Zero);

    [Theory, InlineData(false), InlineData(true)]
    public void A_bounce_notification_with_a_dsn_suppresses_only_the_bounced_recipient_and_keeps_the_diagnostic(bool enveloped)
    {
        var (e, ses) = Parse("notification-bounce-with-dsn.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Bounce, e.EventType);
        Assert.Equal("00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000", e.SesMessageId);
        Assert.Equal(ExampleTime, e.OccurredAt);
        Assert.Equal(MailStatus.Bounced, e.NewStatus);
        Assert.Equal("Permanent/General: 5.1.1 smtp; 550 5.1.1 <jane@example.com>... User", e.Detail);
        Assert.Equal([new SuppressionEntry("jane@example.com", "bounce:Permanent/General")], e.Suppressions);

        Assert.Equal("Bounce", ses.NotificationType);
        Assert.Null(ses.EventType);
        Assert.Equal("dns; email.example.com", ses.Bounce!.ReportingMta);
        Assert.Equal("127.0.2.0", ses.Bounce.RemoteMtaIp);
        Assert.Equal(["jane@example.com", "mary@example.com", "richard@example.com"], ses.Mail!.Destination!);
        Assert.Null(ses.Mail.Tags);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_bounce_notification_without_a_dsn_suppresses_every_bounced_recipient(bool enveloped)
    {
        var (e, ses) = Parse("notification-bounce-without-dsn.json", enveloped);

        Assert.Equal(MailStatus.Bounced, e.NewStatus);
        Assert.Equal("Permanent/General", e.Detail);
        Assert.Equal(
            [new SuppressionEntry("jane@example.com", "bounce:Permanent/General"), new SuppressionEntry("richard@example.com", "bounce:Permanent/General")],
            e.Suppressions);
        Assert.Equal("00000137860315fd-869464a4-8680-4114-98d3-716fe35851f9-000000", ses.Bounce!.FeedbackId);
        Assert.All(ses.Bounce.BouncedRecipients!, r => Assert.Null(r.DiagnosticCode));
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_complaint_notification_with_a_feedback_report_suppresses_the_complainant_as_abuse(bool enveloped)
    {
        var (e, ses) = Parse("notification-complaint-with-feedback.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Complaint, e.EventType);
        Assert.Equal("000001378603177f-7a5433e7-8edb-42ae-af10-f0181f34d6ee-000000", e.SesMessageId);
        Assert.Equal(ExampleTime, e.OccurredAt);
        Assert.Equal(MailStatus.Complained, e.NewStatus);
        Assert.Equal("complaint: abuse", e.Detail);
        Assert.Equal([new SuppressionEntry("richard@example.com", "complaint:abuse")], e.Suppressions);
        Assert.Equal("AnyCompany Feedback Loop (V0.01)", ses.Complaint!.UserAgent);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_complaint_notification_without_a_feedback_report_suppresses_with_a_plain_complaint_reason(bool enveloped)
    {
        var (e, ses) = Parse("notification-complaint-without-feedback.json", enveloped);

        Assert.Equal(MailStatus.Complained, e.NewStatus);
        Assert.Equal("complaint: no feedback report", e.Detail);
        Assert.Equal([new SuppressionEntry("richard@example.com", "complaint")], e.Suppressions);
        Assert.Null(ses.Complaint!.ComplaintFeedbackType);
    }

    [Theory, InlineData(false), InlineData(true)]
    public void A_delivery_notification_marks_the_mail_delivered(bool enveloped)
    {
        var (e, ses) = Parse("notification-delivery.json", enveloped);

        Assert.Equal(FeedbackEventTypes.Delivery, e.EventType);
        Assert.Equal("0000014644fe5ef6-9a483358-9170-4cb4-a269-f5dcdf415321-000000", e.SesMessageId);
        Assert.Equal(ExampleTime, e.OccurredAt);
        Assert.Equal(MailStatus.Delivered, e.NewStatus);
        Assert.Equal("250 ok:  Message 64111812 accepted", e.Detail);
        Assert.Empty(e.Suppressions);
        Assert.Equal(546, ses.Delivery!.ProcessingTimeMillis);
        Assert.Equal("a8-70.smtp-out.amazonses.com", ses.Delivery.ReportingMta);
        Assert.Equal(["jane@example.com"], ses.Delivery.Recipients!);
    }

    [Fact]
    public void The_notification_format_knows_no_open_events()
    {
        var body = FeedbackFixtures.Edit(FeedbackFixtures.Read("event-open.json"), root =>
        {
            root.Remove("eventType");
            root["notificationType"] = "Open";
        });

        var result = FeedbackParser.Parse(body, "sqs-n");

        Assert.Equal(FeedbackParseKind.Invalid, result.Kind);
        Assert.Equal(FeedbackEventTypes.Unknown, result.Event!.EventType);
        Assert.Equal("unknown SES notificationType 'Open'", result.Event.Error);
        Assert.Equal(FeedbackFixtures.ExampleMessageId, result.Event.SesMessageId);
    }
}
