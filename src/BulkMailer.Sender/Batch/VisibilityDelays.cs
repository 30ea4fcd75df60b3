using System.Diagnostics.CodeAnalysis;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Batch;

/// <summary>
/// The records of one batch handed back with a delay, pushed out in one go at the end of the batch. Best effort: a
/// record without receipt handle or queue ARN (a hand-made event) is left to its visibility timeout, and a failed
/// call is logged and ignored — the message then only comes back sooner, nothing is lost.
/// </summary>
internal sealed class VisibilityDelays(IVisibilityDelayer? delayer, JsonLogger log)
{
    private readonly List<DelayedMessage> _pending = [];

    public int Count => _pending.Count;

    public void Add(SqsMessage message, TimeSpan delay)
    {
        if (message is { ReceiptHandle: { Length: > 0 } handle, EventSourceArn: { Length: > 0 } queueArn })
        {
            _pending.Add(new DelayedMessage(message.MessageId, queueArn, handle, delay));
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "a failed delay must not fail the batch: the message comes back sooner, that is all")]
    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        if (delayer is null || _pending.Count == 0)
        {
            return;
        }
        try
        {
            await delayer.DelayAsync(_pending, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            log.Warn("could not delay the handed-back messages; they come back after their visibility timeout",
                LogField.Of("messages", _pending.Count), LogField.Of("error", EmailRedaction.Redact(error.Message)));
        }
    }
}
