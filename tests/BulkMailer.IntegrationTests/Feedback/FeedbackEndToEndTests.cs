using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.RuntimeApi;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalServers;
using BulkMailer.Sender.Ports;

namespace BulkMailer.IntegrationTests.Feedback;

/// <summary>
/// SES's path into the function, on fauxqs: an SES event published to the SNS topic, delivered to the feedback queue
/// (one subscription with raw message delivery off, one with it on), consumed as Lambda's event source mapping would,
/// and ingested by the real feedback process.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class FeedbackEndToEndTests(LocalServersFixture stack)
{
    [Fact]
    public async Task An_ses_event_published_to_the_sns_topic_reaches_both_queues_and_is_ingested_once()
    {
        var db = await stack.NewDatabaseAsync("fb-e2e");
        await using (var connection = new StaticConnection(db, "test-seed"))
        {
            var store = new MailStore(connection);
            await store.ClaimBatchAsync([new ClaimRequest("e2e", "c1", "ada@example.com")], "seed", TimeSpan.FromMinutes(5));
            await store.RecordResultsAsync([new SendResult("e2e", "sent", "ses-e2e", null)]);
        }
        var suffix = Guid.NewGuid().ToString("N")[..8];
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = stack.FauxqsEndpoint.ToString(), AuthenticationRegion = LocalServerSet.Region });
        using var sns = new BulkMailer.LocalLambda.Sns.SnsQueryClient(stack.FauxqsEndpoint, new BasicAWSCredentials("local", "local"), LocalServerSet.Region);
        var envelopedQueue = (await sqs.CreateQueueAsync($"feedback-sns-{suffix}")).QueueUrl;
        var rawQueue = (await sqs.CreateQueueAsync($"feedback-raw-{suffix}")).QueueUrl;
        var topic = await sns.CreateTopicAsync($"ses-events-{suffix}");
        await sns.SubscribeQueueAsync(topic, await QueueArnAsync(sqs, envelopedQueue), rawMessageDelivery: false);
        await sns.SubscribeQueueAsync(topic, await QueueArnAsync(sqs, rawQueue), rawMessageDelivery: true);
        var sentAt = DateTimeOffset.UtcNow.AddSeconds(-3);
        var delivery = SesEventJson.Write(SesEventKind.Delivery, new SesEventMail("ses-e2e", "ada@example.com", sentAt) { JobId = "e2e" }, sentAt.AddSeconds(1));

        await sns.PublishAsync(topic, delivery);
        var received = new[] { await ReceiveOneAsync(sqs, envelopedQueue), await ReceiveOneAsync(sqs, rawQueue) };
        var runtime = RuntimeApiServer.Start();
        await using var _ = runtime;
        await using var process = FunctionProcess.Start("BulkMailer.Feedback.Bootstrap", runtime.RuntimeApiAddress,
            new Dictionary<string, string>(stack.Stack.AwsEnvironment()) { ["BULKMAILER_DB"] = db, ["AWS_LAMBDA_FUNCTION_NAME"] = "fb-e2e" });
        var outcome = await runtime.InvokeAsync(SqsEvents.Build([.. received.Select(m => (m.MessageId, m.Body))]), TimeSpan.FromSeconds(30));
        // The event source mapping deletes what the function did not hand back.
        var failures = SqsEvents.Failures(outcome.BodyText);
        await sqs.DeleteMessageAsync(envelopedQueue, received[0].ReceiptHandle);
        await sqs.DeleteMessageAsync(rawQueue, received[1].ReceiptHandle);

        Assert.StartsWith("{\"Type\":\"Notification\"", received[0].Body, StringComparison.Ordinal);
        Assert.Equal(delivery, received[1].Body);
        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Empty(failures);
        Assert.Equal(["e2e|delivered|1|ses-e2e|-"], await TableState.MessagesAsync(db));
        Assert.Equal(["Delivery|e2e|ses-e2e|-"], await TableState.EventsAsync(db));
        Assert.Equal(delivery, await stack.ScalarAsync<string>(db, "select raw from mail_event"));
    }

    private static async Task<string> QueueArnAsync(AmazonSQSClient sqs, string queueUrl) =>
        (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;

    private static async Task<Message> ReceiveOneAsync(AmazonSQSClient sqs, string queueUrl)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 5 });
        return Assert.Single(response.Messages ?? []);
    }
}
