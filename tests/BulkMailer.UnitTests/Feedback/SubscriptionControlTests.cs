using BulkMailer.Core.Feedback;

namespace BulkMailer.UnitTests.Feedback;

public sealed class SubscriptionControlTests
{
    [Fact]
    public void An_sns_subscription_confirmation_is_a_control_message_not_feedback()
    {
        var result = FeedbackParser.Parse(FeedbackFixtures.Read("sns-subscription-confirmation.json"), "sqs-c");

        Assert.Equal(FeedbackParseKind.SubscriptionControl, result.Kind);
        Assert.Equal(FeedbackBodyFormat.SnsEnvelope, result.BodyFormat);
        Assert.Equal("SubscriptionConfirmation", result.ControlType);
        Assert.Equal("165545c9-2a5c-472c-8df2-7ff2be2b3b1b", result.SnsMessageId);
        Assert.Equal(FeedbackFixtures.SnsTopicArn, result.TopicArn);
        Assert.Equal("sqs-c", result.SqsMessageId);
        Assert.Null(result.Event);
        Assert.Null(result.Ses);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void An_sns_unsubscribe_confirmation_is_a_control_message_not_feedback()
    {
        var result = FeedbackParser.Parse(FeedbackFixtures.Read("sns-unsubscribe-confirmation.json"), "sqs-c");

        Assert.Equal(FeedbackParseKind.SubscriptionControl, result.Kind);
        Assert.Equal("UnsubscribeConfirmation", result.ControlType);
        Assert.Equal("47138184-6831-46b8-8f7c-afc488602d7d", result.SnsMessageId);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Ses_s_notice_that_a_topic_now_receives_identity_notifications_is_a_control_message()
    {
        const string notice = """{"notificationType":"AmazonSnsSubscriptionSucceeded","message":"You have successfully subscribed your Amazon SNS topic 'arn:aws:sns:us-west-2:123456789012:MyTopic' to receive 'Bounce' notifications from Amazon SES for identity 'example.com'."}""";

        var result = FeedbackParser.Parse(FeedbackFixtures.InSnsEnvelope(notice), "sqs-c");

        Assert.Equal(FeedbackParseKind.SubscriptionControl, result.Kind);
        Assert.Equal("AmazonSnsSubscriptionSucceeded", result.ControlType);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void The_log_line_of_a_control_message_names_its_type_and_topic()
    {
        var line = FeedbackParser.Parse(FeedbackFixtures.Read("sns-subscription-confirmation.json"), "sqs-c").ToLogString();

        Assert.Contains("kind=SubscriptionControl", line);
        Assert.Contains("control=SubscriptionConfirmation", line);
        Assert.Contains($"topic={FeedbackFixtures.SnsTopicArn}", line);
        Assert.DoesNotContain("Token", line);
    }
}
