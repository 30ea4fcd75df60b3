using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>One bounced recipient; action, status and diagnostic code are present only when the bounce carried a DSN.</summary>
public sealed record SesBouncedRecipient
{
    [JsonPropertyName("emailAddress")]
    public string? EmailAddress { get; init; }

    [JsonPropertyName("action")]
    public string? Action { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("diagnosticCode")]
    public string? DiagnosticCode { get; init; }
}
