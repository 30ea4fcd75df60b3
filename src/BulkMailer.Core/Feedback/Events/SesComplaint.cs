using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>complaint</c> object: who complained and, when the mailbox provider sent a feedback report, why.</summary>
public sealed record SesComplaint
{
    [JsonPropertyName("complainedRecipients")]
    public IReadOnlyList<SesComplainedRecipient>? ComplainedRecipients { get; init; }

    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    /// <summary>Unique per complaint: the strongest part of the event's identity.</summary>
    [JsonPropertyName("feedbackId")]
    public string? FeedbackId { get; init; }

    /// <summary>Null, or <c>OnAccountSuppressionList</c>.</summary>
    [JsonPropertyName("complaintSubType")]
    public string? ComplaintSubType { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary>ARF feedback type: <c>abuse</c>, <c>auth-failure</c>, <c>fraud</c>, <c>not-spam</c>, <c>other</c>, <c>virus</c>; absent without a feedback report.</summary>
    [JsonPropertyName("complaintFeedbackType")]
    public string? ComplaintFeedbackType { get; init; }

    [JsonPropertyName("arrivalDate")]
    public string? ArrivalDate { get; init; }
}
