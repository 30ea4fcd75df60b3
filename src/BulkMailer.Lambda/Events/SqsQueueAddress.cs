namespace BulkMailer.Lambda.Events;

/// <summary>
/// The queue URL of an SQS record's <c>eventSourceARN</c> (<c>arn:aws:sqs:{region}:{account}:{name}</c>), for the
/// calls that need the URL (ChangeMessageVisibility): <c>https://sqs.{region}.amazonaws.com/{account}/{name}</c>, or
/// <c>{endpoint}/{account}/{name}</c> when an endpoint override is set (AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL — the
/// local stack's fauxqs). Pure.
/// </summary>
public static class SqsQueueAddress
{
    /// <summary>The queue URL; null when <paramref name="queueArn"/> is not an SQS queue ARN.</summary>
    public static string? UrlOf(string? queueArn, string? endpointOverride)
    {
        var parts = queueArn?.Split(':');
        if (parts is not ["arn", { Length: > 0 }, "sqs", { Length: > 0 } region, { Length: > 0 } account, { Length: > 0 } name])
        {
            return null;
        }
        var root = string.IsNullOrWhiteSpace(endpointOverride)
            ? $"https://sqs.{region}.{DnsSuffix(parts[1])}"
            : endpointOverride.Trim().TrimEnd('/');
        return $"{root}/{account}/{name}";
    }

    /// <summary>The partition's domain: aws-cn is amazonaws.com.cn, every other partition's SQS is amazonaws.com.</summary>
    private static string DnsSuffix(string partition) => partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}
