using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Core.Jobs;
using BulkMailer.LocalServers;

namespace BulkMailer.IntegrationTests.Client;

/// <summary>A queue of its own on fauxqs for one test, and the means to drain it and count what arrived.</summary>
public sealed class FauxqsQueue : IDisposable
{
    private static int _created;

    private FauxqsQueue(AmazonSQSClient sqs, string url)
    {
        Sqs = sqs;
        Url = url;
    }

    /// <summary>A client straight to fauxqs (no proxy), with test credentials and the SDK's retries off.</summary>
    public AmazonSQSClient Sqs { get; }

    public string Url { get; }

    public static AmazonSQSClient SqsClient(Uri endpoint) =>
        new(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig
        {
            ServiceURL = endpoint.ToString(),
            AuthenticationRegion = LocalServerSet.Region,
            MaxErrorRetry = 0,
        });

    public static async Task<FauxqsQueue> CreateAsync(Uri endpoint, string hint, bool fifo = false)
    {
        var sqs = SqsClient(endpoint);
        var unique = $"{hint}-{Environment.ProcessId}-{Interlocked.Increment(ref _created)}-{Guid.NewGuid():N}";
        var name = unique[..Math.Min(unique.Length, 70)] + (fifo ? ".fifo" : string.Empty);
        var request = new CreateQueueRequest { QueueName = name, Attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "300" } };
        if (fifo)
        {
            request.Attributes["FifoQueue"] = "true";
        }
        var created = await sqs.CreateQueueAsync(request);
        return new FauxqsQueue(sqs, created.QueueUrl);
    }

    /// <summary>
    /// Receives and deletes until <paramref name="expected"/> messages arrived and one more long-ish receive finds
    /// nothing (so duplicates beyond the expected count would be seen); returns the job id of every message.
    /// </summary>
    public async Task<IReadOnlyList<string>> DrainJobIdsAsync(int expected, TimeSpan timeout)
    {
        var jobIds = new ConcurrentQueue<string>();
        var deadline = Stopwatch.StartNew();
        async Task ReceiveLoopAsync()
        {
            while (jobIds.Count < expected && deadline.Elapsed < timeout)
            {
                if (await ReceiveOnceAsync(jobIds, waitSeconds: 0) == 0)
                {
                    await Task.Delay(20);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => ReceiveLoopAsync()));
        while (await ReceiveOnceAsync(jobIds, waitSeconds: 1) > 0)
        {
            // Anything still there is beyond the expected count: collect it so the caller's assertion shows it.
        }
        return jobIds.ToArray();
    }

    public void Dispose() => Sqs.Dispose();

    private async Task<int> ReceiveOnceAsync(ConcurrentQueue<string> jobIds, int waitSeconds)
    {
        var received = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = Url, MaxNumberOfMessages = 10, WaitTimeSeconds = waitSeconds });
        var messages = received.Messages ?? [];
        if (messages.Count == 0)
        {
            return 0;
        }
        foreach (var message in messages)
        {
            jobIds.Enqueue(JobValidator.Parse(message.Body).Job?.JobId ?? $"unparseable:{message.MessageId}");
        }
        await Sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = Url,
            Entries = messages.Select((message, index) => new DeleteMessageBatchRequestEntry { Id = index.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = message.ReceiptHandle }).ToList(),
        });
        return messages.Count;
    }
}
