using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>open</c> object: the recipient's client loaded the tracking pixel.</summary>
public sealed record SesOpen
{
    [JsonPropertyName("ipAddress")]
    public string? IpAddress { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}
