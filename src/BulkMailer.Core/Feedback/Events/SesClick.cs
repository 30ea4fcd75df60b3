using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>click</c> object: the recipient followed a tracked link.</summary>
public sealed record SesClick
{
    [JsonPropertyName("ipAddress")]
    public string? IpAddress { get; init; }

    [JsonPropertyName("link")]
    public string? Link { get; init; }

    [JsonPropertyName("linkTags")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? LinkTags { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}
