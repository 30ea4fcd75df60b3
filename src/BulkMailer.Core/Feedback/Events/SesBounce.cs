using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>bounce</c> object: type, subtype and the recipients that bounced.</summary>
public sealed record SesBounce
{
    /// <summary><c>Permanent</c>, <c>Transient</c> or <c>Undetermined</c>.</summary>
    [JsonPropertyName("bounceType")]
    public string? BounceType { get; init; }

    /// <summary>E.g. <c>General</c>, <c>NoEmail</c>, <c>Suppressed</c>, <c>OnAccountSuppressionList</c>, <c>MailboxFull</c>.</summary>
    [JsonPropertyName("bounceSubType")]
    public string? BounceSubType { get; init; }

    [JsonPropertyName("bouncedRecipients")]
    public IReadOnlyList<SesBouncedRecipient>? BouncedRecipients { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>Unique per bounce: the strongest part of the event's identity.</summary>
    [JsonPropertyName("feedbackId")]
    public string? FeedbackId { get; init; }

    [JsonPropertyName("reportingMTA")]
    public string? ReportingMta { get; init; }

    [JsonPropertyName("remoteMtaIp")]
    public string? RemoteMtaIp { get; init; }
}
