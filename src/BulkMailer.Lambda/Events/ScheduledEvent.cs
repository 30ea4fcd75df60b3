using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>
/// What an EventBridge schedule rule sends a function: <c>{"id":…,"detail-type":"Scheduled Event","source":"aws.events","time":…}</c>.
/// Only the members a log line names are read; the rest of the event is ignored.
/// </summary>
public sealed class ScheduledEvent
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; set; }

    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>When the rule fired (ISO 8601, UTC).</summary>
    [JsonPropertyName("time")]
    public string? Time { get; set; }
}
