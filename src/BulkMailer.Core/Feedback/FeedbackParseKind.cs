namespace BulkMailer.Core.Feedback;

/// <summary>What one SQS body from the feedback queue turned out to be.</summary>
public enum FeedbackParseKind
{
    /// <summary>An SES event: one <see cref="FeedbackEvent"/> to ingest.</summary>
    Events,

    /// <summary>
    /// An SNS <c>SubscriptionConfirmation</c>/<c>UnsubscribeConfirmation</c>, or SES's
    /// <c>AmazonSnsSubscriptionSucceeded</c> notice: log it and acknowledge it; it is not mail feedback and has no event.
    /// </summary>
    SubscriptionControl,

    /// <summary>Not usable feedback: one <see cref="FeedbackEvent"/> of type <c>Unparseable</c>/<c>Unknown</c> to record, then acknowledge.</summary>
    Invalid,
}
