using BulkMailer.Core.Feedback;
using BulkMailer.Core.Jobs;
using BulkMailer.LocalLambda.SesFeedback;

namespace BulkMailer.UnitTests.Feedback;

/// <summary>The writer the local runner uses to play SES, round-tripped through the parser.</summary>
public sealed class SesEventJsonTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 22, 9, 0, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset EventAt = SentAt.AddSeconds(3);

    private static readonly SesEventMail Mail = new("0100019a-local-0001-000000", "bounce@simulator.amazonses.com", SentAt)
    {
        JobId = "welcome-2026-11-22/000042",
        Source = "Acme News <news@acme.example>",
    };

    public static TheoryData<SesEventKind, string, string?, string?> Expectations() => new()
    {
        { SesEventKind.Send, FeedbackEventTypes.Send, MailStatus.Sent, null },
        { SesEventKind.Delivery, FeedbackEventTypes.Delivery, MailStatus.Delivered, null },
        { SesEventKind.PermanentBounce, FeedbackEventTypes.Bounce, MailStatus.Bounced, "bounce:Permanent/General" },
        { SesEventKind.SuppressedBounce, FeedbackEventTypes.Bounce, MailStatus.Bounced, "bounce:Permanent/Suppressed" },
        { SesEventKind.TransientBounce, FeedbackEventTypes.Bounce, null, null },
        { SesEventKind.Complaint, FeedbackEventTypes.Complaint, MailStatus.Complained, "complaint:abuse" },
        { SesEventKind.DeliveryDelay, FeedbackEventTypes.DeliveryDelay, null, null },
        { SesEventKind.Open, FeedbackEventTypes.Open, null, null },
        { SesEventKind.Click, FeedbackEventTypes.Click, null, null },
    };

    [Theory, MemberData(nameof(Expectations))]
    public void A_written_event_parses_back_to_its_mail_job_status_and_suppression(SesEventKind kind, string type, string? status, string? suppressionReason)
    {
        var json = SesEventJson.Write(kind, Mail, EventAt);

        foreach (var body in new[] { json, FeedbackFixtures.InSnsEnvelope(json) })
        {
            var result = FeedbackParser.Parse(body, "sqs");
            Assert.Equal(FeedbackParseKind.Events, result.Kind);
            Assert.Equal(SesEventFormat.EventPublishing, result.SesFormat);
            var e = result.Event!;
            Assert.Null(e.Error);
            Assert.Equal(type, e.EventType);
            Assert.Equal("0100019a-local-0001-000000", e.SesMessageId);
            Assert.Equal("welcome-2026-11-22/000042", e.JobId);
            Assert.Equal(kind is SesEventKind.Send ? SentAt : EventAt, e.OccurredAt);
            Assert.Equal(status, e.NewStatus);
            Assert.Equal(json, e.Raw);
            Assert.Equal(
                suppressionReason is null ? [] : [new SuppressionEntry("bounce@simulator.amazonses.com", suppressionReason)],
                e.Suppressions);
            Assert.Equal(["bounce@simulator.amazonses.com"], result.Ses!.Mail!.Destination!);
            Assert.Equal(["bulkmailer-events"], result.Ses.Mail.Tags!["ses:configuration-set"]);
            Assert.Equal(["acme.example"], result.Ses.Mail.Tags["ses:from-domain"]);
        }
    }

    [Fact]
    public void A_written_transient_bounce_is_a_suppression_candidate()
    {
        var e = FeedbackParser.Parse(SesEventJson.Write(SesEventKind.TransientBounce, Mail, EventAt), "sqs").Event!;

        Assert.Equal([new SuppressionEntry("bounce@simulator.amazonses.com", "bounce:Transient/MailboxFull")], e.SuppressionCandidates);
        Assert.Equal("Transient/MailboxFull: 4.2.2 smtp; 452 4.2.2 Mailbox full", e.Detail);
    }

    [Fact]
    public void Writing_is_deterministic_so_a_republished_event_is_the_same_event()
    {
        foreach (var kind in Enum.GetValues<SesEventKind>())
        {
            Assert.Equal(SesEventJson.Write(kind, Mail, EventAt), SesEventJson.Write(kind, Mail, EventAt));
        }
    }

    [Fact]
    public void Every_written_kind_is_a_distinct_event()
    {
        var keys = Enum.GetValues<SesEventKind>()
            .Select(kind => FeedbackParser.Parse(SesEventJson.Write(kind, Mail, EventAt), "sqs").Event!.EventKey)
            .ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void A_written_event_looks_like_ses_s_own()
    {
        var json = SesEventJson.Write(SesEventKind.Send, Mail with { JobId = null }, EventAt);

        Assert.StartsWith("""{"eventType":"Send","mail":{"timestamp":"2026-11-22T09:00:00.123Z",""", json);
        Assert.EndsWith("""},"send":{}}""", json);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("bulkmailer-job", json);
    }

    [Fact]
    public void A_written_delivery_carries_the_processing_time_and_smtp_response()
    {
        var ses = FeedbackParser.Parse(SesEventJson.Write(SesEventKind.Delivery, Mail, EventAt), "sqs").Ses!;

        Assert.Equal(3000, ses.Delivery!.ProcessingTimeMillis);
        Assert.Equal("250 2.6.0 Message received", ses.Delivery.SmtpResponse);
        Assert.Equal("2026-11-22T09:00:03.123Z", ses.Delivery.Timestamp);
    }
}
