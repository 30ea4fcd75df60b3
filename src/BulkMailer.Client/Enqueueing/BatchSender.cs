using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Client.Configuration;

namespace BulkMailer.Client.Enqueueing;

/// <summary>
/// Sends one batch of up to 10 entries, retrying only what can succeed on a retry: entries SQS reports failed
/// through no fault of the sender (<c>SenderFault</c> false) and whole calls that failed transiently.
/// Each entry is reported exactly once.
/// </summary>
internal sealed class BatchSender(IAmazonSQS sqs, BulkMailerClientOptions options)
{
    public async Task SendAsync(IReadOnlyList<PendingEntry> batch, Func<EnqueueResult, ValueTask> report, CancellationToken cancellationToken)
    {
        var pending = batch;
        for (var attempt = 1; ; attempt++)
        {
            var retry = new List<PendingEntry>();
            var lastReason = string.Empty;
            try
            {
                var response = await sqs.SendMessageBatchAsync(BuildRequest(pending), cancellationToken).ConfigureAwait(false);
                var settled = new bool[pending.Count];
                foreach (var success in response.Successful ?? [])
                {
                    if (TryIndex(success.Id, pending.Count, out var index) && !settled[index])
                    {
                        settled[index] = true;
                        await report(EnqueueResult.Enqueued(pending[index].Sequence, pending[index].JobId, success.MessageId, attempt)).ConfigureAwait(false);
                    }
                }
                foreach (var failure in response.Failed ?? [])
                {
                    if (!TryIndex(failure.Id, pending.Count, out var index) || settled[index])
                    {
                        continue;
                    }
                    settled[index] = true;
                    var reason = $"{failure.Code}: {failure.Message}";
                    if (failure.SenderFault == true)
                    {
                        await report(EnqueueResult.Failed(pending[index].Sequence, pending[index].JobId, reason, attempt)).ConfigureAwait(false);
                    }
                    else
                    {
                        retry.Add(pending[index]);
                        lastReason = reason;
                    }
                }
                for (var index = 0; index < pending.Count; index++)
                {
                    if (!settled[index])
                    {
                        // SQS always names every entry; one it left out has unknown fate, and a retry is the safe reading.
                        retry.Add(pending[index]);
                        lastReason = "entry missing from the SendMessageBatch response";
                    }
                }
            }
            catch (Exception ex) when (SqsErrors.IsTransient(ex, cancellationToken))
            {
                retry.AddRange(pending);
                lastReason = SqsErrors.Describe(ex);
            }
            catch (Exception ex) when (SqsErrors.IsBatchSpecific(ex))
            {
                foreach (var entry in pending)
                {
                    await report(EnqueueResult.Failed(entry.Sequence, entry.JobId, SqsErrors.Describe(ex), attempt)).ConfigureAwait(false);
                }
                return;
            }

            if (retry.Count == 0)
            {
                return;
            }
            if (attempt >= options.MaxAttempts)
            {
                foreach (var entry in retry)
                {
                    await report(EnqueueResult.Failed(entry.Sequence, entry.JobId, $"{lastReason} (after {attempt} attempts)", attempt)).ConfigureAwait(false);
                }
                return;
            }
            await Task.Delay(RetryBackoff.Delay(attempt, options.BaseRetryDelay, options.MaxRetryDelay), cancellationToken).ConfigureAwait(false);
            pending = retry;
        }
    }

    private SendMessageBatchRequest BuildRequest(IReadOnlyList<PendingEntry> entries)
    {
        var request = new SendMessageBatchRequest { QueueUrl = options.QueueUrl, Entries = new List<SendMessageBatchRequestEntry>(entries.Count) };
        for (var index = 0; index < entries.Count; index++)
        {
            // Entry ids only need to be unique within one call; the index maps the answer back without a lookup.
            request.Entries.Add(new SendMessageBatchRequestEntry
            {
                Id = index.ToString(CultureInfo.InvariantCulture),
                MessageBody = entries[index].Body,
                MessageGroupId = entries[index].MessageGroupId,
                MessageDeduplicationId = entries[index].DeduplicationId,
            });
        }
        return request;
    }

    private static bool TryIndex(string? id, int count, out int index) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index < count;
}
