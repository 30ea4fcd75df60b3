using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>Creates uniquely named queues on fauxqs and reads what arrives in them.</summary>
public sealed class FauxqsQueues(Uri endpoint) : IDisposable
{
    private readonly AmazonSQSClient _sqs = new(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig { ServiceURL = endpoint.ToString() });

    /// <summary>A new queue; its URL and ARN.</summary>
    public async Task<(string Url, string Arn)> CreateAsync(string hint)
    {
        var url = (await _sqs.CreateQueueAsync($"{hint}-{Guid.NewGuid():N}")).QueueUrl;
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] });
        return (url, attributes.Attributes["QueueArn"]);
    }

    /// <summary>Receives (and deletes) until <paramref name="count"/> bodies arrived or <paramref name="timeout"/> passed; in arrival order.</summary>
    public async Task<IReadOnlyList<string>> ReceiveAsync(string queueUrl, int count, TimeSpan timeout, Func<string, bool>? keep = null)
    {
        var bodies = new List<string>();
        using var deadline = new CancellationTokenSource(timeout);
        while (bodies.Count < count && !deadline.IsCancellationRequested)
        {
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            foreach (var message in response.Messages ?? [])
            {
                if (keep is null || keep(message.Body))
                {
                    bodies.Add(message.Body);
                }
                await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
        return bodies;
    }

    public void Dispose() => _sqs.Dispose();
}
