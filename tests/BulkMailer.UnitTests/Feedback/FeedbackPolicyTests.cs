using BulkMailer.Core.Feedback;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Feedback;

/// <summary>The policy cases AWS's examples do not show, built by editing a copy of them.</summary>
public sealed class FeedbackPolicyTests
{
    private static FeedbackEvent Bounce(string type, string subType, string recipient = "recipient@example.com") =>
        FeedbackParser.Parse(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-bounce.json"), root =>
        {
            root["bounce"]!["bounceType"] = type;
            root["bounce"]!["bounceSubType"] = subType;
            root["bounce"]!["bouncedRecipients"]![0]!["emailAddress"] = recipient;
        }), "sqs").Event!;

    private static FeedbackEvent Complaint(Action<System.Text.Json.Nodes.JsonObject> change) =>
        FeedbackParser.Parse(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-complaint.json"), change), "sqs").Event!;

    [Theory]
    [InlineData("MailboxFull")]
    [InlineData("General")]
    public void A_transient_bounce_about_the_mailbox_changes_nothing_but_counts_towards_repeated_bounces(string subType)
    {
        var e = Bounce("Transient", subType);

        Assert.Null(e.NewStatus);
        Assert.Empty(e.Suppressions);
        Assert.Equal([new SuppressionEntry("recipient@example.com", $"bounce:Transient/{subType}")], e.SuppressionCandidates);
        Assert.Equal($"Transient/{subType}: 5.1.1 smtp; 550 5.1.1 user unknown", e.Detail);
    }

    [Theory]
    [InlineData("MessageTooLarge")]
    [InlineData("ContentRejected")]
    [InlineData("AttachmentRejected")]
    public void A_transient_bounce_about_the_content_does_not_count_against_the_address(string subType)
    {
        var e = Bounce("Transient", subType);

        Assert.Null(e.NewStatus);
        Assert.Empty(e.Suppressions);
        Assert.Empty(e.SuppressionCandidates);
    }

    [Fact]
    public void An_undetermined_bounce_neither_moves_the_mail_nor_suppresses_but_counts_like_a_transient_one()
    {
        var e = Bounce("Undetermined", "Undetermined");

        Assert.Null(e.NewStatus);
        Assert.Empty(e.Suppressions);
        Assert.Equal([new SuppressionEntry("recipient@example.com", "bounce:Undetermined/Undetermined")], e.SuppressionCandidates);
    }

    [Theory]
    [InlineData("Suppressed")]
    [InlineData("OnAccountSuppressionList")]
    [InlineData("NoEmail")]
    public void Every_permanent_bounce_subtype_bounces_and_suppresses(string subType)
    {
        var e = Bounce("Permanent", subType);

        Assert.Equal(MailStatus.Bounced, e.NewStatus);
        Assert.Equal([new SuppressionEntry("recipient@example.com", $"bounce:Permanent/{subType}")], e.Suppressions);
    }

    [Fact]
    public void A_suppressed_address_is_lower_cased_trimmed_and_taken_out_of_its_display_name() =>
        Assert.Equal("ada@example.com", Assert.Single(Bounce("Permanent", "General", "  Ada Lovelace <Ada@Example.COM> ").Suppressions).Email);

    [Fact]
    public void A_bounced_recipient_that_is_not_an_address_falls_back_to_the_mails_only_destination() =>
        Assert.Equal("recipient@example.com", Assert.Single(Bounce("Permanent", "General", "not an address").Suppressions).Email);

    [Fact]
    public void A_bounce_naming_no_recipient_suppresses_the_mails_only_destination()
    {
        var e = FeedbackParser.Parse(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-bounce.json"),
            root => root["bounce"]!.AsObject().Remove("bouncedRecipients")), "sqs").Event!;

        Assert.Equal(MailStatus.Bounced, e.NewStatus);
        Assert.Equal([new SuppressionEntry("recipient@example.com", "bounce:Permanent/General")], e.Suppressions);
        Assert.Equal("Permanent/General", e.Detail);
    }

    [Fact]
    public void A_bounce_naming_no_recipient_of_a_mail_to_several_suppresses_nobody()
    {
        var e = FeedbackParser.Parse(FeedbackFixtures.Edit(FeedbackFixtures.Read("notification-bounce-without-dsn.json"),
            root => root["bounce"]!.AsObject().Remove("bouncedRecipients")), "sqs").Event!;

        Assert.Equal(MailStatus.Bounced, e.NewStatus);
        Assert.Empty(e.Suppressions);
    }

    [Fact]
    public void A_not_spam_report_is_recorded_without_complaint_or_suppression()
    {
        var e = Complaint(root => root["complaint"]!["complaintFeedbackType"] = "not-spam");

        Assert.Null(e.NewStatus);
        Assert.Empty(e.Suppressions);
        Assert.Equal("complaint: not-spam", e.Detail);
    }

    [Fact]
    public void A_complaint_from_the_account_suppression_list_still_complains_and_names_the_subtype()
    {
        var e = Complaint(root => root["complaint"]!["complaintSubType"] = "OnAccountSuppressionList");

        Assert.Equal(MailStatus.Complained, e.NewStatus);
        Assert.Equal("complaint: abuse (OnAccountSuppressionList)", e.Detail);
        Assert.Equal([new SuppressionEntry("recipient@example.com", "complaint:abuse")], e.Suppressions);
    }

    [Fact]
    public void A_long_multi_line_diagnostic_is_cut_to_one_short_line()
    {
        var e = FeedbackParser.Parse(FeedbackFixtures.Edit(FeedbackFixtures.Read("event-bounce.json"), root =>
            root["bounce"]!["bouncedRecipients"]![0]!["diagnosticCode"] = "smtp; 550\r\n" + new string('x', 2000)), "sqs").Event!;

        Assert.Equal(500, e.Detail!.Length);
        Assert.DoesNotContain('\n', e.Detail);
        Assert.StartsWith("Permanent/General: 5.1.1 smtp; 550 xxx", e.Detail);
        Assert.EndsWith("…", e.Detail);
    }

    [Fact]
    public void Ses_type_names_are_normalized_across_spellings()
    {
        Assert.Equal(FeedbackEventTypes.RenderingFailure, FeedbackEventTypes.Normalize("Rendering Failure"));
        Assert.Equal(FeedbackEventTypes.RenderingFailure, FeedbackEventTypes.Normalize("RenderingFailure"));
        Assert.Equal(FeedbackEventTypes.DeliveryDelay, FeedbackEventTypes.Normalize("deliverydelay"));
        Assert.Null(FeedbackEventTypes.Normalize("Received"));
        Assert.Null(FeedbackEventTypes.Normalize(null));
    }

    [Fact]
    public void Repeated_transient_bounce_suppression_is_off_by_default()
    {
        Assert.False(FeedbackPolicyOptions.Default.SuppressesRepeatedTransientBounces);
        Assert.Equal(0, FeedbackPolicyOptions.Default.TransientBounceThreshold);
        Assert.Equal(TimeSpan.FromDays(7), FeedbackPolicyOptions.Default.TransientBounceWindow);
        Assert.Null(FeedbackPolicyOptions.Default.Validate());
    }

    [Fact]
    public void Policy_options_that_cannot_work_are_refused()
    {
        Assert.NotNull(new FeedbackPolicyOptions { TransientBounceThreshold = -1 }.Validate());
        Assert.NotNull(new FeedbackPolicyOptions { TransientBounceThreshold = 3, TransientBounceWindow = TimeSpan.Zero }.Validate());
        Assert.True(new FeedbackPolicyOptions { TransientBounceThreshold = 3 }.SuppressesRepeatedTransientBounces);
    }

    [Fact]
    public void The_log_line_masks_suppressed_addresses()
    {
        var line = FeedbackParser.Parse(FeedbackFixtures.InSnsEnvelope(FeedbackFixtures.Read("event-bounce.json")), "sqs-7").ToLogString();

        Assert.DoesNotContain("recipient@example.com", line);
        Assert.Contains("r***@example.com#", line);
        Assert.Contains("type=Bounce", line);
        Assert.Contains("status=bounced", line);
        Assert.Contains("sqs=sqs-7", line);
        Assert.Contains($"ses={FeedbackFixtures.ExampleMessageId}", line);
    }
}
