using Amazon.SQS;
using Amazon.SQS.Model;

namespace BulkMailer.Cli.Operations;

/// <summary>
/// Moves messages from a dead-letter queue back to a queue, ten at a time: receive, send (body and message attributes
/// as they were; FIFO group and deduplication ids kept), then delete only what the target accepted. Interrupted
/// anywhere, a message is in one queue or (sent, not yet deleted) in both — never in neither; a copy in both is
/// harmless, because the sender acknowledges a job that is final and re-claims one whose lease expired
/// (docs/operators.md, "The dead-letter queue").
/// </summary>
internal sealed class Redriver(IAmazonSQS sqs, string fromUrl, string toUrl)
{
    private const int BatchSize = 10;

    /// <summary>How long a received message stays invisible in the DLQ: ample for one send and one delete.</summary>
    private const int VisibilitySeconds = 60;

    /// <summary>Messages visible in the DLQ now (SQS's approximation).</summary>
    /// <exception cref="QueueDoesNotExistException">Either queue does not exist.</exception>
    public async Task<long> CountWaitingAsync(CancellationToken cancellationToken)
    {
        await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = toUrl, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);
        var attributes = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = fromUrl, AttributeNames = ["ApproximateNumberOfMessages"] }, cancellationToken).ConfigureAwait(false);
        return attributes.ApproximateNumberOfMessages;
    }

    /// <summary>Moves up to <paramref name="max"/> messages (all when null); reports the running count after each batch.</summary>
    /// <param name="stop">Checked between batches only: a batch once received is always sent and deleted.</param>
    public async Task<RedriveCount> MoveAsync(long? max, Action<long> progress, CancellationToken stop)
    {
        long moved = 0;
        long failed = 0;
        while (!stop.IsCancellationRequested && (max is null || moved < max))
        {
            var wanted = (int)Math.Min(BatchSize, max is { } m ? m - moved : BatchSize);
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = fromUrl,
                MaxNumberOfMessages = wanted,
                WaitTimeSeconds = 1,
                VisibilityTimeout = VisibilitySeconds,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["MessageGroupId", "MessageDeduplicationId"],
            }, stop).ConfigureAwait(false);
            var messages = received.Messages ?? [];
            if (messages.Count == 0)
            {
                break;
            }
            // From here on, no cancellation: what was received is sent, and what was sent is deleted.
            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = toUrl,
                Entries = [.. messages.Select((message, i) => ToEntry(message, i))],
            }, CancellationToken.None).ConfigureAwait(false);
            var accepted = (sent.Successful ?? []).Select(s => messages[int.Parse(s.Id, System.Globalization.CultureInfo.InvariantCulture)]).ToList();
            failed += sent.Failed?.Count ?? 0;
            if (accepted.Count > 0)
            {
                await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
                {
                    QueueUrl = fromUrl,
                    Entries = [.. accepted.Select((message, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), message.ReceiptHandle))],
                }, CancellationToken.None).ConfigureAwait(false);
            }
            moved += accepted.Count;
            progress(moved);
            if (sent.Failed is { Count: > 0 })
            {
                // The target refuses some messages (they stay in the DLQ and reappear after the visibility timeout):
                // stop rather than receive them again and again.
                break;
            }
        }
        return new RedriveCount(moved, failed);
    }

    private static SendMessageBatchRequestEntry ToEntry(Message message, int index)
    {
        var entry = new SendMessageBatchRequestEntry(index.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Body)
        {
            MessageAttributes = message.MessageAttributes is { Count: > 0 } attributes ? attributes : null,
        };
        if (message.Attributes?.TryGetValue("MessageGroupId", out var group) == true)
        {
            entry.MessageGroupId = group;
        }
        if (message.Attributes?.TryGetValue("MessageDeduplicationId", out var deduplication) == true)
        {
            entry.MessageDeduplicationId = deduplication;
        }
        return entry;
    }
}
