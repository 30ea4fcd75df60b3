using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Bootstrap.Queues;

/// <summary>
/// The sender's <see cref="IVisibilityDelayer"/> on AWSSDK.SQS: ChangeMessageVisibilityBatch, ten entries per call
/// (the SQS limit), one queue URL per source ARN (remembered). The client is built once per environment and does not retry: a
/// delay that does not happen only brings a message back sooner. Entries SQS refuses (a receipt handle that expired)
/// are logged; the caller logs a failed call. Needs sqs:ChangeMessageVisibility on the queue, which the event
/// source mapping's grant already includes.
/// </summary>
internal sealed class SqsVisibilityDelayer(IAmazonSQS sqs, string? endpointOverride, JsonLogger log) : IVisibilityDelayer
{
    /// <summary>SQS's limit on entries per ChangeMessageVisibilityBatch.</summary>
    private const int MaxEntries = 10;

    public static SqsVisibilityDelayer Create(string? region, string? endpointOverride, JsonLogger log)
    {
        var config = new AmazonSQSConfig { MaxErrorRetry = 0, Timeout = TimeSpan.FromSeconds(3) };
        if (!string.IsNullOrWhiteSpace(endpointOverride))
        {
            config.ServiceURL = endpointOverride;
            config.AuthenticationRegion = region;
        }
        else if (!string.IsNullOrWhiteSpace(region))
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }
        return new SqsVisibilityDelayer(new AmazonSQSClient(config), endpointOverride, log);
    }

    private readonly ConcurrentDictionary<string, string> _queueUrls = new(StringComparer.Ordinal);

    /// <summary>
    /// On AWS the URL follows from the ARN; an endpoint override (the local stack's fauxqs) builds its own URLs, so it
    /// is asked once (GetQueueUrl, also in the event source mapping's grant). Null when the ARN is not a queue's.
    /// </summary>
    private async Task<string?> QueueUrlAsync(string queueArn, CancellationToken cancellationToken)
    {
        if (_queueUrls.TryGetValue(queueArn, out var known))
        {
            return known;
        }
        if (SqsQueueAddress.FromArn(queueArn) is not { } queue)
        {
            return null;
        }
        var url = string.IsNullOrWhiteSpace(endpointOverride)
            ? queue.AwsUrl
            : (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = queue.Name, QueueOwnerAWSAccountId = queue.Account }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        return _queueUrls[queueArn] = url;
    }

    public async Task DelayAsync(IReadOnlyList<DelayedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var queue in messages.GroupBy(m => m.QueueArn, StringComparer.Ordinal))
        {
            if (await QueueUrlAsync(queue.Key, cancellationToken).ConfigureAwait(false) is not { } queueUrl)
            {
                log.Warn("handed-back messages not delayed: their source is not an SQS queue ARN", LogField.Of("eventSourceARN", queue.Key));
                continue;
            }
            foreach (var chunk in queue.Chunk(MaxEntries))
            {
                var response = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = [.. chunk.Select((m, i) => new ChangeMessageVisibilityBatchRequestEntry
                    {
                        Id = i.ToString(CultureInfo.InvariantCulture),
                        ReceiptHandle = m.ReceiptHandle,
                        VisibilityTimeout = (int)Math.Ceiling(m.Delay.TotalSeconds),
                    })],
                }, cancellationToken).ConfigureAwait(false);
                foreach (var refused in response.Failed ?? [])
                {
                    log.Warn("SQS refused to delay a handed-back message; it comes back after its visibility timeout",
                        LogField.Of("messageId", chunk[int.Parse(refused.Id, CultureInfo.InvariantCulture)].MessageId),
                        LogField.Of("code", refused.Code), LogField.Of("error", refused.Message));
                }
            }
        }
    }
}
