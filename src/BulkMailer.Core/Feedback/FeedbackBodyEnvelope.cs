namespace BulkMailer.Core.Feedback;

/// <summary>Where a feedback body came from: its SQS message, how it was wrapped and, when SNS wrapped it, the SNS ids.</summary>
internal sealed record FeedbackBodyEnvelope(string? SqsMessageId, FeedbackBodyFormat BodyFormat, string? SnsMessageId, string? TopicArn)
{
    /// <summary>A result of <paramref name="kind"/> that carries this envelope; every result does, whatever its kind.</summary>
    public FeedbackParseResult Result(FeedbackParseKind kind) => new()
    {
        Kind = kind,
        BodyFormat = BodyFormat,
        SqsMessageId = SqsMessageId,
        SnsMessageId = SnsMessageId,
        TopicArn = TopicArn,
    };
}
