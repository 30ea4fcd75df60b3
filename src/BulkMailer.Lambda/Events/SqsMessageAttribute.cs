using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>A user message attribute in Lambda's SQS record (binary values arrive base64-encoded).</summary>
public sealed class SqsMessageAttribute
{
    [JsonPropertyName("stringValue")]
    public string? StringValue { get; set; }

    [JsonPropertyName("binaryValue")]
    public string? BinaryValue { get; set; }

    [JsonPropertyName("stringListValues")]
    public List<string> StringListValues { get; set; } = [];

    [JsonPropertyName("binaryListValues")]
    public List<string> BinaryListValues { get; set; } = [];

    [JsonPropertyName("dataType")]
    public string? DataType { get; set; }
}
