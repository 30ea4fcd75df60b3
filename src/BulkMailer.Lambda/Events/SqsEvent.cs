using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>The event Lambda's SQS event source mapping sends: <c>{"Records":[...]}</c>.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public List<SqsMessage> Records { get; set; } = [];
}
