namespace BulkMailer.Core.Feedback;

/// <summary>How the SQS body carried its content.</summary>
public enum FeedbackBodyFormat
{
    /// <summary>Not recognisable as either format (not JSON, or JSON of another shape).</summary>
    Unrecognized,

    /// <summary>An SNS message (<c>Type</c>, <c>MessageId</c>, <c>TopicArn</c>, <c>Message</c>, …): raw message delivery off.</summary>
    SnsEnvelope,

    /// <summary>The SES JSON itself: the subscription has raw message delivery on.</summary>
    RawSes,
}
