using System.Globalization;
using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>One SQS record exactly as Lambda serializes it (camelCase, <c>eventSourceARN</c> with capital ARN).</summary>
public sealed class SqsMessage
{
    [JsonPropertyName("messageId")]
    public string MessageId { get; set; } = "";

    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; set; }

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>System attributes: ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp, …</summary>
    [JsonPropertyName("attributes")]
    public Dictionary<string, string> Attributes { get; set; } = [];

    [JsonPropertyName("messageAttributes")]
    public Dictionary<string, SqsMessageAttribute> MessageAttributes { get; set; } = [];

    [JsonPropertyName("md5OfBody")]
    public string? Md5OfBody { get; set; }

    [JsonPropertyName("md5OfMessageAttributes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Md5OfMessageAttributes { get; set; }

    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; set; }

    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; set; }

    /// <summary>The <c>ApproximateReceiveCount</c> attribute as a number; 0 when absent or malformed.</summary>
    [JsonIgnore]
    public int ApproximateReceiveCount =>
        Attributes.TryGetValue("ApproximateReceiveCount", out var text)
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;
}
