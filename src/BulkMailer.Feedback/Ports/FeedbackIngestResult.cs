namespace BulkMailer.Feedback.Ports;

/// <summary>What one <c>IngestFeedback</c> round trip changed; a redelivered batch gives zeros.</summary>
/// <param name="EventsInserted">New <c>mail_event</c> rows (a redelivered event is not new).</param>
/// <param name="StatusesAdvanced">Jobs whose status moved forward.</param>
/// <param name="SuppressionsAdded">New suppression rows, <see cref="RepeatedTransientSuppressions"/> included.</param>
/// <param name="UnknownMessages">Good events for which no job was found (recorded with that reason).</param>
public sealed record FeedbackIngestResult(int EventsInserted, int StatusesAdvanced, int SuppressionsAdded, int UnknownMessages)
{
    /// <summary>New <c>transient_bounce</c> rows: transient bounces about the address, recorded whether the rule is on or off.</summary>
    public int TransientBouncesRecorded { get; init; }

    /// <summary>Addresses suppressed by the repeated-transient-bounce rule (a part of <see cref="SuppressionsAdded"/>).</summary>
    public int RepeatedTransientSuppressions { get; init; }
}
