using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>deliveryDelay</c> object: SES keeps retrying until <see cref="ExpirationTime"/>.</summary>
public sealed record SesDeliveryDelay
{
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>E.g. <c>TransientCommunicationFailure</c>, <c>MailboxFull</c>, <c>IPFailure</c>, <c>Undetermined</c>.</summary>
    [JsonPropertyName("delayType")]
    public string? DelayType { get; init; }

    [JsonPropertyName("expirationTime")]
    public string? ExpirationTime { get; init; }

    [JsonPropertyName("reportingMTA")]
    public string? ReportingMta { get; init; }

    [JsonPropertyName("delayedRecipients")]
    public IReadOnlyList<SesDelayedRecipient>? DelayedRecipients { get; init; }
}
