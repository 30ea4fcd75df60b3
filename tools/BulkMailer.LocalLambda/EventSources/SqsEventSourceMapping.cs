using System.Text;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Lambda.Events;
using BulkMailer.LocalLambda.Environments;

namespace BulkMailer.LocalLambda.EventSources;

/// <summary>
/// Plays Lambda's SQS event source mapping: pollers (one per unit of maximum concurrency) receive from the queue,
/// gather a batch (batch size, batching window), invoke the function with Lambda's SQS event JSON, then delete
/// the messages that succeeded. Items named in <c>batchItemFailures</c>, and whole batches whose invocation failed,
/// are left alone: they reappear after the visibility timeout and reach the DLQ through the queue's redrive policy.
/// </summary>
public sealed class SqsEventSourceMapping(IAmazonSQS sqs, string queueUrl, string queueArn, LocalFunction function, EventSourceSettings settings)
{
    private long _batches;
    private long _received;
    private long _deleted;
    private long _handedBack;
    private long _failedInvocations;

    public long Batches => Interlocked.Read(ref _batches);

    public long MessagesReceived => Interlocked.Read(ref _received);

    public long MessagesDeleted => Interlocked.Read(ref _deleted);

    /// <summary>Items the function handed back through batchItemFailures.</summary>
    public long ItemsHandedBack => Interlocked.Read(ref _handedBack);

    /// <summary>Invocations that failed as a whole (function error, timeout, dead environment, unreadable response).</summary>
    public long FailedInvocations => Interlocked.Read(ref _failedInvocations);

    /// <summary>Runs the pollers until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, settings.MaxConcurrency).Select(_ => PollAsync(cancellationToken)));

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var batch = await GatherAsync(cancellationToken).ConfigureAwait(false);
                if (batch.Count > 0)
                {
                    await InvokeAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is AmazonSQSException or HttpRequestException or IOException)
            {
                // The queue was briefly unreachable: back off and poll again, as the managed poller does.
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<List<Message>> GatherAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Message>();
        var windowEnds = (DateTimeOffset?)null;
        while (batch.Count < settings.BatchSize)
        {
            var remainingWindow = windowEnds is { } end ? end - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1);
            if (windowEnds is not null && remainingWindow <= TimeSpan.Zero)
            {
                break;
            }
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Min(10, settings.BatchSize - batch.Count),
                // Short long-polls keep the runner responsive to cancellation and to the window's end.
                WaitTimeSeconds = (int)Math.Clamp(Math.Ceiling(remainingWindow.TotalSeconds), 0, 1),
                MessageSystemAttributeNames = ["All"],
                MessageAttributeNames = ["All"],
            }, cancellationToken).ConfigureAwait(false);
            var messages = response.Messages ?? [];
            batch.AddRange(messages);
            if (batch.Count == 0)
            {
                return batch;
            }
            if (settings.BatchingWindow <= TimeSpan.Zero)
            {
                // No window: Lambda invokes with whatever one poll returned.
                break;
            }
            windowEnds ??= DateTimeOffset.UtcNow + settings.BatchingWindow;
        }
        return batch;
    }

    private async Task InvokeAsync(List<Message> batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _received, batch.Count);
        var sqsEvent = new SqsEvent
        {
            Records = [.. batch.Select(m => new SqsMessage
            {
                MessageId = m.MessageId,
                ReceiptHandle = m.ReceiptHandle,
                Body = m.Body,
                Attributes = m.Attributes ?? [],
                Md5OfBody = m.MD5OfBody,
                EventSource = "aws:sqs",
                EventSourceArn = queueArn,
                AwsRegion = queueArn.Split(':') is { Length: > 3 } parts ? parts[3] : "us-east-1",
            })],
        };
        var payload = JsonSerializer.SerializeToUtf8Bytes(sqsEvent, LambdaEventsJsonContext.Default.SqsEvent);
        var result = await function.InvokeAsync(payload, cancellationToken).ConfigureAwait(false);
        var failed = FailedIds(result, batch);
        if (failed is null)
        {
            Interlocked.Increment(ref _failedInvocations);
            return;
        }
        Interlocked.Add(ref _handedBack, failed.Count);
        var succeeded = batch.Where(m => !failed.Contains(m.MessageId)).ToList();
        foreach (var chunk in succeeded.Chunk(10))
        {
            var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select((m, i) => new DeleteMessageBatchRequestEntry { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = m.ReceiptHandle })],
            }, CancellationToken.None).ConfigureAwait(false);
            Interlocked.Add(ref _deleted, response.Successful?.Count ?? 0);
        }
    }

    /// <summary>
    /// The message ids to leave on the queue; null when the whole batch failed. As Lambda: an unreadable response,
    /// or one naming an id that is not in the batch, fails the whole batch.
    /// </summary>
    private static HashSet<string>? FailedIds(InvocationResult result, List<Message> batch)
    {
        if (result.Status != InvocationStatus.Succeeded)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(result.Response) || result.Response.Trim() == "null")
        {
            return [];
        }
        SqsBatchResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(result.Response), LambdaEventsJsonContext.Default.SqsBatchResponse);
        }
        catch (JsonException)
        {
            return null;
        }
        var ids = batch.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in response?.BatchItemFailures ?? [])
        {
            if (string.IsNullOrEmpty(item.ItemIdentifier) || !ids.Contains(item.ItemIdentifier))
            {
                return null;
            }
            failed.Add(item.ItemIdentifier);
        }
        return failed;
    }
}
