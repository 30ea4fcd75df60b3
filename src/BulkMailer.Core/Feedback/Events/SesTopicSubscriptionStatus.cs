using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>One topic and whether the contact is opted in (<c>OptIn</c>) or out (<c>OptOut</c>).</summary>
public sealed record SesTopicSubscriptionStatus
{
    [JsonPropertyName("topicName")]
    public string? TopicName { get; init; }

    [JsonPropertyName("subscriptionStatus")]
    public string? SubscriptionStatus { get; init; }
}
