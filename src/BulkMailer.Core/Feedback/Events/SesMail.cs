using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>mail</c> object common to every SES event: which mail the event is about.</summary>
public sealed record SesMail
{
    /// <summary>When SES accepted the mail (ISO 8601, as SES wrote it).</summary>
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("sourceArn")]
    public string? SourceArn { get; init; }

    [JsonPropertyName("sendingAccountId")]
    public string? SendingAccountId { get; init; }

    [JsonPropertyName("destination")]
    public IReadOnlyList<string>? Destination { get; init; }

    /// <summary>Event publishing only: tag name → values (SES's own <c>ses:*</c> tags and the sender's).</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Tags { get; init; }
}
