using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>subscription</c> object: a contact changed its list-management preferences.</summary>
public sealed record SesSubscription
{
    [JsonPropertyName("contactList")]
    public string? ContactList { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>How the change was made, e.g. <c>UnsubscribeHeader</c>, <c>UnsubscribeLink</c>.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("newTopicPreferences")]
    public SesTopicPreferences? NewTopicPreferences { get; init; }

    [JsonPropertyName("oldTopicPreferences")]
    public SesTopicPreferences? OldTopicPreferences { get; init; }
}
