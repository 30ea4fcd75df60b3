namespace BulkMailer.Core.Feedback;

/// <summary>
/// One SES event (or one unusable feedback body), reduced to what <c>IngestFeedback</c> stores:
/// the event row, the status it may move its job to, and the addresses it suppresses.
/// </summary>
public sealed record FeedbackEvent
{
    /// <summary>The event's identity: the same SES event delivered twice has the same key.</summary>
    public required string EventKey { get; init; }

    /// <summary>SES's event type (<c>Delivery</c>, <c>Bounce</c>, …), or <c>Unparseable</c>/<c>Unknown</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>SES's <c>mail.messageId</c>; null when the body could not be read.</summary>
    public string? SesMessageId { get; init; }

    /// <summary>The job id from the mail's <c>bulkmailer-job</c> tag, when SES echoed the tags.</summary>
    public string? JobId { get; init; }

    /// <summary>When SES says the event happened.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The status the job moves to if that is forward (see <c>MailStatus.Rank</c>); null for events only.</summary>
    public string? NewStatus { get; init; }

    /// <summary>Operator-facing summary: bounce type and diagnostics, complaint type, failure reason, click link.</summary>
    public string? Detail { get; init; }

    /// <summary>Recipients this event puts on the suppression list (lower-case addresses).</summary>
    public IReadOnlyList<SuppressionEntry> Suppressions { get; init; } = [];

    /// <summary>
    /// Recipients this event does not suppress on its own but that count towards
    /// <see cref="FeedbackPolicyOptions.TransientBounceThreshold"/> (transient and undetermined bounces about the
    /// address, not the content). Ignored while that rule is off.
    /// </summary>
    public IReadOnlyList<SuppressionEntry> SuppressionCandidates { get; init; } = [];

    /// <summary>The raw JSON (or raw text for an unparseable body), kept for audits and replays.</summary>
    public required string Raw { get; init; }

    /// <summary>Why this body could not be used as mail feedback; null for a good event.</summary>
    public string? Error { get; init; }
}
