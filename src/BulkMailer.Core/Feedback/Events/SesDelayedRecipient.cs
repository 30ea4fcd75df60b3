using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>One recipient whose delivery is delayed, with the receiving server's answer.</summary>
public sealed record SesDelayedRecipient
{
    [JsonPropertyName("emailAddress")]
    public string? EmailAddress { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("diagnosticCode")]
    public string? DiagnosticCode { get; init; }
}
