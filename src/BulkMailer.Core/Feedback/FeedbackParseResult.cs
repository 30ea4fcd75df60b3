using BulkMailer.Core.Feedback.Events;
using BulkMailer.Core.Privacy;

namespace BulkMailer.Core.Feedback;

/// <summary>
/// What one SQS body from the feedback queue is, and what to ingest for it. For <see cref="FeedbackParseKind.Events"/>
/// and <see cref="FeedbackParseKind.Invalid"/> there is exactly one <see cref="Event"/> (one SNS notification carries
/// one SES event); for <see cref="FeedbackParseKind.SubscriptionControl"/> there is none.
/// </summary>
public sealed record FeedbackParseResult
{
    public required FeedbackParseKind Kind { get; init; }

    public required FeedbackBodyFormat BodyFormat { get; init; }

    /// <summary>The SQS message the body came in, as given to the parser (for batch item failures and logs).</summary>
    public string? SqsMessageId { get; init; }

    /// <summary>The SNS <c>MessageId</c> when the body was an SNS message.</summary>
    public string? SnsMessageId { get; init; }

    /// <summary>The SNS <c>TopicArn</c> when the body was an SNS message.</summary>
    public string? TopicArn { get; init; }

    /// <summary>For <see cref="FeedbackParseKind.SubscriptionControl"/>: <c>SubscriptionConfirmation</c>, <c>UnsubscribeConfirmation</c> or <c>AmazonSnsSubscriptionSucceeded</c>.</summary>
    public string? ControlType { get; init; }

    /// <summary>Which SES format the event used; null when the body held no readable SES event.</summary>
    public SesEventFormat? SesFormat { get; init; }

    /// <summary>The event to ingest; null only for <see cref="FeedbackParseKind.SubscriptionControl"/>.</summary>
    public FeedbackEvent? Event { get; init; }

    /// <summary>Everything read from the SES event; null unless <see cref="Kind"/> is <see cref="FeedbackParseKind.Events"/>.</summary>
    public SesEvent? Ses { get; init; }

    /// <summary><see cref="Event"/> as a list, for collecting a batch: <c>results.SelectMany(r =&gt; r.Events)</c>.</summary>
    public IReadOnlyList<FeedbackEvent> Events => Event is null ? [] : [Event];

    /// <summary>One line for logs: ids, type, status, suppressions (addresses masked), error. Never the body, never a full address.</summary>
    public string ToLogString()
    {
        var parts = new List<string> { $"kind={Kind}", $"body={BodyFormat}" };
        Add(parts, "sqs", SqsMessageId);
        Add(parts, "sns", SnsMessageId);
        Add(parts, "control", ControlType);
        Add(parts, "topic", ControlType is null ? null : TopicArn);
        if (Event is { } e)
        {
            Add(parts, "type", e.EventType);
            Add(parts, "format", SesFormat?.ToString());
            Add(parts, "ses", e.SesMessageId);
            Add(parts, "job", e.JobId);
            Add(parts, "status", e.NewStatus);
            if (e.Suppressions.Count > 0)
            {
                parts.Add($"suppress=[{string.Join(",", e.Suppressions.Select(s => $"{EmailMask.Mask(s.Email)} {s.Reason}"))}]");
            }
            Add(parts, "key", e.EventKey[..Math.Min(12, e.EventKey.Length)]);
            Add(parts, "error", e.Error);
        }
        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{name}={value}");
        }
    }
}
