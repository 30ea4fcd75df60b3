using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>reject</c> object: SES accepted the call but refused to send (e.g. a virus was found).</summary>
public sealed record SesReject
{
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }
}
