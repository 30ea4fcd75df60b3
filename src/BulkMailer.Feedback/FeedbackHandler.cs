using BulkMailer.Core.Feedback;
using BulkMailer.Feedback.Ports;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Feedback;

/// <summary>
/// The feedback function: one SQS batch of SES events (SNS-enveloped or raw, either SES format) → parse every
/// record → ingest the whole batch in one round trip (events, statuses forward only, suppressions, transient-bounce
/// history) → acknowledge every record. SNS subscription messages are logged and acknowledged; bodies that are not
/// usable feedback are recorded raw with their reason and acknowledged, so bad input never blocks the queue. A
/// database failure fails the invocation: SQS redelivers the whole batch, and ingestion is idempotent, so nothing is
/// lost or counted twice. Run by the <see cref="SqsBatchProcessor"/>, which times, counts and answers the batch.
/// </summary>
public sealed class FeedbackHandler(
    IFeedbackStore store,
    FeedbackOptions options,
    JsonLogger log) : ISqsBatchHandler
{
    public async Task<BatchProcessingResult> HandleBatchAsync(IReadOnlyList<SqsMessage> records, InvocationRequest request, CancellationToken cancellationToken)
    {
        var counts = new BatchCounts();
        var events = new List<FeedbackEvent>(records.Count);

        foreach (var record in records)
        {
            var parsed = FeedbackParser.Parse(record.Body, record.MessageId);
            counts.Count(parsed);
            events.AddRange(parsed.Events);
            switch (parsed.Kind)
            {
                case FeedbackParseKind.SubscriptionControl:
                    log.Info("SNS subscription message acknowledged", LogField.Of("record", parsed.ToLogString()));
                    break;
                case FeedbackParseKind.Invalid:
                    log.Warn("feedback body is not usable; recorded raw and acknowledged", LogField.Of("record", parsed.ToLogString()));
                    break;
                default:
                    // Built only when written: above debug (info unless configured), a batch of 1 000 events would
                    // otherwise build 1 000 log strings for nothing.
                    if (log.Minimum <= LogSeverity.Debug)
                    {
                        log.Debug("feedback event", LogField.Of("record", parsed.ToLogString()));
                    }
                    break;
            }
        }

        // One round trip for the whole batch; if it throws, the invocation fails and SQS redelivers every record.
        var ingested = await store.IngestFeedbackAsync(events, options.Policy, cancellationToken).ConfigureAwait(false);

        if (ingested.UnknownMessages > 0)
        {
            log.Warn("feedback for messages with no job; recorded with that reason", LogField.Of("unknownMessages", ingested.UnknownMessages));
        }
        var result = new BatchProcessingResult();
        // Every record is settled (recorded or deliberately ignored): nothing goes back to the queue.
        foreach (var record in records)
        {
            result.Acknowledge(record.MessageId);
        }
        counts.WriteTo(result, events.Count, ingested);
        return result;
    }

    private sealed class BatchCounts
    {
        private readonly Dictionary<string, int> _byType = FeedbackEventTypes.SesTypes.ToDictionary(t => t, _ => 0, StringComparer.Ordinal);

        public int Events { get; private set; }
        public int Invalid { get; private set; }
        public int SubscriptionControl { get; private set; }

        public void Count(FeedbackParseResult parsed)
        {
            switch (parsed.Kind)
            {
                case FeedbackParseKind.SubscriptionControl:
                    SubscriptionControl++;
                    break;
                case FeedbackParseKind.Invalid:
                    Invalid++;
                    break;
                default:
                    Events++;
                    if (parsed.Event is { } e && _byType.TryGetValue(e.EventType, out var count))
                    {
                        _byType[e.EventType] = count + 1;
                    }
                    break;
            }
        }

        public void WriteTo(BatchProcessingResult result, int ingestedRows, FeedbackIngestResult ingested)
        {
            // Every type every time, zeros included: an alarm on, say, EventsComplaint then sees 0, not missing data.
            foreach (var (type, count) in _byType)
            {
                result.Metric($"Events{type}", count);
            }
            result.Metric("Events", Events)
                .Metric("InvalidBodies", Invalid)
                .Metric("SubscriptionMessages", SubscriptionControl)
                .Metric("EventsInserted", ingested.EventsInserted)
                .Metric("DuplicateEvents", ingestedRows - ingested.EventsInserted)
                .Metric("StatusesAdvanced", ingested.StatusesAdvanced)
                .Metric("SuppressionsAdded", ingested.SuppressionsAdded)
                .Metric("RepeatedTransientSuppressions", ingested.RepeatedTransientSuppressions)
                .Metric("TransientBouncesRecorded", ingested.TransientBouncesRecorded)
                .Metric("UnknownMessages", ingested.UnknownMessages)
                .Log(LogField.Of("events", Events))
                .Log(LogField.Of("eventsInserted", ingested.EventsInserted))
                .Log(LogField.Of("statusesAdvanced", ingested.StatusesAdvanced))
                .Log(LogField.Of("suppressionsAdded", ingested.SuppressionsAdded))
                .Log(LogField.Of("repeatedTransientSuppressions", ingested.RepeatedTransientSuppressions))
                .Log(LogField.Of("unknownMessages", ingested.UnknownMessages))
                .Log(LogField.Of("invalidBodies", Invalid))
                .Log(LogField.Of("subscriptionMessages", SubscriptionControl));
        }
    }
}
