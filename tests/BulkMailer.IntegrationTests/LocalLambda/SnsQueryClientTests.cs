using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Sns;
using BulkMailer.LocalServers;
using SnsClient = BulkMailer.LocalLambda.Sns.SnsQueryClient;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>The SNS Query client against fauxqs: topics, SQS subscriptions and fan-out as SNS does them.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class SnsQueryClientTests : IDisposable
{
    private readonly SnsClient _sns;
    private readonly FauxqsQueues _queues;

    public SnsQueryClientTests(LocalServersFixture stack)
    {
        _sns = new SnsClient(stack.FauxqsEndpoint, new BasicAWSCredentials("local", "local"), LocalServerSet.Region);
        _queues = new FauxqsQueues(stack.FauxqsEndpoint);
    }

    public void Dispose()
    {
        _sns.Dispose();
        _queues.Dispose();
    }

    [Fact]
    public async Task Creating_a_topic_twice_returns_the_same_arn()
    {
        var name = $"ses-events-{Guid.NewGuid():N}";

        var first = await _sns.CreateTopicAsync(name);
        var second = await _sns.CreateTopicAsync(name);

        Assert.Equal(first, second);
        Assert.StartsWith("arn:aws:sns:us-east-1:", first, StringComparison.Ordinal);
        Assert.EndsWith(":" + name, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_published_to_the_topic_arrives_in_a_subscribed_queue_in_the_sns_envelope()
    {
        var topic = await _sns.CreateTopicAsync($"envelope-{Guid.NewGuid():N}");
        var (queueUrl, queueArn) = await _queues.CreateAsync("envelope");
        var subscription = await _sns.SubscribeQueueAsync(topic, queueArn, rawMessageDelivery: false);
        const string message = """{"eventType":"Send","note":"a & b <c>"}""";

        var messageId = await _sns.PublishAsync(topic, message);

        var body = Assert.Single(await _queues.ReceiveAsync(queueUrl, 1, TimeSpan.FromSeconds(10)));
        using var envelope = JsonDocument.Parse(body);
        Assert.Equal("Notification", envelope.RootElement.GetProperty("Type").GetString());
        Assert.Equal(messageId, envelope.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal(topic, envelope.RootElement.GetProperty("TopicArn").GetString());
        Assert.Equal(message, envelope.RootElement.GetProperty("Message").GetString());
        Assert.StartsWith(topic + ":", subscription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_raw_message_delivery_the_queue_receives_the_message_itself()
    {
        var topic = await _sns.CreateTopicAsync($"raw-{Guid.NewGuid():N}");
        var (queueUrl, queueArn) = await _queues.CreateAsync("raw");
        await _sns.SubscribeQueueAsync(topic, queueArn, rawMessageDelivery: true);
        const string message = """{"eventType":"Delivery","text":"Grüße + 100% = ?"}""";

        await _sns.PublishAsync(topic, message);

        Assert.Equal([message], await _queues.ReceiveAsync(queueUrl, 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Every_subscribed_queue_receives_each_published_message_once()
    {
        var topic = await _sns.CreateTopicAsync($"fanout-{Guid.NewGuid():N}");
        var (rawUrl, rawArn) = await _queues.CreateAsync("fanout-raw");
        var (wrappedUrl, wrappedArn) = await _queues.CreateAsync("fanout-wrapped");
        await _sns.SubscribeQueueAsync(topic, rawArn, rawMessageDelivery: true);
        await _sns.SubscribeQueueAsync(topic, wrappedArn, rawMessageDelivery: false);

        await _sns.PublishAsync(topic, "one");
        await _sns.PublishAsync(topic, "two");

        Assert.Equal(["one", "two"], (await _queues.ReceiveAsync(rawUrl, 2, TimeSpan.FromSeconds(10))).Order(StringComparer.Ordinal));
        var wrapped = await _queues.ReceiveAsync(wrappedUrl, 3, TimeSpan.FromSeconds(3));
        Assert.Equal(["one", "two"], wrapped.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("Message").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_of_ten_arrives_whole_in_the_subscribed_queue_with_one_message_id_each()
    {
        var topic = await _sns.CreateTopicAsync($"batch-{Guid.NewGuid():N}");
        var (queueUrl, queueArn) = await _queues.CreateAsync("batch");
        await _sns.SubscribeQueueAsync(topic, queueArn, rawMessageDelivery: true);
        var messages = Enumerable.Range(0, SnsClient.MaxBatchEntries).Select(i => $$"""{"eventType":"Send","n":{{i}},"text":"a & b"}""").ToList();

        var ids = await _sns.PublishBatchAsync(topic, messages);

        Assert.Equal(messages.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var received = await _queues.ReceiveAsync(queueUrl, messages.Count, TimeSpan.FromSeconds(10));
        Assert.Equal(messages.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_batch_to_a_topic_that_does_not_exist_fails_with_snss_error_code()
    {
        var error = await Assert.ThrowsAsync<SnsException>(() => _sns.PublishBatchAsync("arn:aws:sns:us-east-1:000000000000:no-such-topic", ["x"]));

        Assert.Equal("PublishBatch", error.Action);
        Assert.Equal("NotFound", error.Code);
    }

    [Fact]
    public async Task Publishing_to_a_topic_that_does_not_exist_fails_with_snss_error_code()
    {
        var error = await Assert.ThrowsAsync<SnsException>(() => _sns.PublishAsync("arn:aws:sns:us-east-1:000000000000:no-such-topic", "x"));

        Assert.Equal("Publish", error.Action);
        Assert.Equal("NotFound", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
