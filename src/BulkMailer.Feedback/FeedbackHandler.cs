using System.Diagnostics;
using BulkMailer.Core.Feedback;
using BulkMailer.Feedback.Ports;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Feedback;

/// <summary>
/// The feedback function: one SQS batch of SES events (SNS-enveloped or raw, either SES format) → parse every
/// record → ingest the whole batch in one round trip (events, statuses forward only, suppressions, transient-bounce
/// history) → acknowledge every record. SNS subscription messages are logged and acknowledged; bodies that are not
/// usable feedback are recorded raw with their reason and acknowledged, so bad input never blocks the queue. A
/// database failure fails the invocation: SQS redelivers the whole batch, and ingestion is idempotent, so nothing is
/// lost or counted twice.
/// </summary>
public sealed class FeedbackHandler(
    IFeedbackStore store,
    FeedbackOptions options,
    JsonLogger log,
    EmfMetrics metrics)
{
    public async Task<SqsBatchResponse> HandleAsync(SqsEvent sqsEvent, InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var roundTripsBefore = store.RoundTrips;
        var counts = new BatchCounts();
        var events = new List<FeedbackEvent>(sqsEvent.Records.Count);

        foreach (var record in sqsEvent.Records)
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
                    log.Debug("feedback event", LogField.Of("record", parsed.ToLogString()));
                    break;
            }
        }

        // One round trip for the whole batch; if it throws, the invocation fails and SQS redelivers every record.
        var ingested = await store.IngestFeedbackAsync(events, options.Policy, cancellationToken).ConfigureAwait(false);

        var elapsed = Stopwatch.GetElapsedTime(started);
        var roundTrips = store.RoundTrips - roundTripsBefore;
        counts.Flush(metrics, events.Count, ingested, elapsed, roundTrips);
        if (ingested.UnknownMessages > 0)
        {
            log.Warn("feedback for messages with no job; recorded with that reason", LogField.Of("unknownMessages", ingested.UnknownMessages));
        }
        log.Info("batch done",
            LogField.Of("records", sqsEvent.Records.Count),
            LogField.Of("events", counts.Events),
            LogField.Of("eventsInserted", ingested.EventsInserted),
            LogField.Of("statusesAdvanced", ingested.StatusesAdvanced),
            LogField.Of("suppressionsAdded", ingested.SuppressionsAdded),
            LogField.Of("repeatedTransientSuppressions", ingested.RepeatedTransientSuppressions),
            LogField.Of("unknownMessages", ingested.UnknownMessages),
            LogField.Of("invalidBodies", counts.Invalid),
            LogField.Of("subscriptionMessages", counts.SubscriptionControl),
            LogField.Of("dbRoundTrips", roundTrips),
            LogField.Of("durationMs", elapsed.TotalMilliseconds));
        // Every record is settled (recorded or deliberately ignored): nothing goes back to the queue.
        return SqsBatchResponse.ForFailures([]);
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

        public void Flush(EmfMetrics metrics, int ingestedRows, FeedbackIngestResult ingested, TimeSpan elapsed, long roundTrips)
        {
            // Every type every time, zeros included: an alarm on, say, EventsComplaint then sees 0, not missing data.
            foreach (var (type, count) in _byType)
            {
                metrics.Put($"Events{type}", count);
            }
            metrics.Put("Events", Events)
                .Put("InvalidBodies", Invalid)
                .Put("SubscriptionMessages", SubscriptionControl)
                .Put("EventsInserted", ingested.EventsInserted)
                .Put("DuplicateEvents", ingestedRows - ingested.EventsInserted)
                .Put("StatusesAdvanced", ingested.StatusesAdvanced)
                .Put("SuppressionsAdded", ingested.SuppressionsAdded)
                .Put("RepeatedTransientSuppressions", ingested.RepeatedTransientSuppressions)
                .Put("TransientBouncesRecorded", ingested.TransientBouncesRecorded)
                .Put("UnknownMessages", ingested.UnknownMessages)
                .Put("DbRoundTrips", roundTrips)
                .Put("BatchDuration", elapsed.TotalMilliseconds, MetricUnit.Milliseconds)
                .Flush();
        }
    }
}
