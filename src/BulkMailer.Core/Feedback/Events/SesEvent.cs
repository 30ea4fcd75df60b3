using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>
/// One SES event as SES writes it, in either of its two JSON shapes: event publishing (configuration set →
/// <c>eventType</c>) or identity notifications (<c>notificationType</c>). Only the parts operators and the
/// feedback policy need are modelled; everything else stays in the raw JSON kept beside the event.
/// </summary>
/// <remarks>
/// Timestamps stay the strings SES wrote: they take part in the event's identity, and re-formatting a parsed
/// value could make two deliveries of one event disagree.
/// </remarks>
public sealed record SesEvent
{
    /// <summary>Event publishing: <c>Send</c>, <c>Delivery</c>, <c>Bounce</c>, …, <c>Rendering Failure</c>.</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    /// <summary>Identity notifications: <c>Bounce</c>, <c>Complaint</c>, <c>Delivery</c>.</summary>
    [JsonPropertyName("notificationType")]
    public string? NotificationType { get; init; }

    [JsonPropertyName("mail")]
    public SesMail? Mail { get; init; }

    [JsonPropertyName("bounce")]
    public SesBounce? Bounce { get; init; }

    [JsonPropertyName("complaint")]
    public SesComplaint? Complaint { get; init; }

    [JsonPropertyName("delivery")]
    public SesDelivery? Delivery { get; init; }

    /// <summary>SES sends an empty object; kept so that a written Send event has the shape SES gives it.</summary>
    [JsonPropertyName("send")]
    public JsonElement? Send { get; init; }

    [JsonPropertyName("reject")]
    public SesReject? Reject { get; init; }

    [JsonPropertyName("open")]
    public SesOpen? Open { get; init; }

    [JsonPropertyName("click")]
    public SesClick? Click { get; init; }

    /// <summary>The <c>Rendering Failure</c> details; SES names the object <c>failure</c>.</summary>
    [JsonPropertyName("failure")]
    public SesRenderingFailure? Failure { get; init; }

    [JsonPropertyName("deliveryDelay")]
    public SesDeliveryDelay? DeliveryDelay { get; init; }

    [JsonPropertyName("subscription")]
    public SesSubscription? Subscription { get; init; }
}
