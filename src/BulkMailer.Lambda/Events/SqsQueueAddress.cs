namespace BulkMailer.Lambda.Events;

/// <summary>
/// The queue an SQS record came from, read from its <c>eventSourceARN</c> (<c>arn:{partition}:sqs:{region}:{account}:{name}</c>),
/// for the calls that need the queue's URL (ChangeMessageVisibility). Pure.
/// </summary>
public sealed record SqsQueueAddress(string Partition, string Region, string Account, string Name)
{
    /// <summary>The queue of <paramref name="queueArn"/>; null when it is not an SQS queue ARN.</summary>
    public static SqsQueueAddress? FromArn(string? queueArn) =>
        queueArn?.Split(':') is ["arn", { Length: > 0 } partition, "sqs", { Length: > 0 } region, { Length: > 0 } account, { Length: > 0 } name]
            ? new SqsQueueAddress(partition, region, account, name)
            : null;

    /// <summary>
    /// The queue's URL on AWS: <c>https://sqs.{region}.amazonaws.com/{account}/{name}</c> (amazonaws.com.cn in the
    /// aws-cn partition). An endpoint override (fauxqs, another emulator) builds URLs its own way; ask it instead.
    /// </summary>
    public string AwsUrl => $"https://sqs.{Region}.{(Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com")}/{Account}/{Name}";
}
