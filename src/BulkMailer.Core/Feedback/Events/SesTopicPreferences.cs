using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>A contact's preferences in a contact list: all topics, and per topic.</summary>
public sealed record SesTopicPreferences
{
    [JsonPropertyName("unsubscribeAll")]
    public bool? UnsubscribeAll { get; init; }

    [JsonPropertyName("topicSubscriptionStatus")]
    public IReadOnlyList<SesTopicSubscriptionStatus>? TopicSubscriptionStatus { get; init; }
}
