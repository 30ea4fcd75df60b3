using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>delivery</c> object: the receiving server accepted the mail.</summary>
public sealed record SesDelivery
{
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; init; }

    [JsonPropertyName("processingTimeMillis")]
    public long? ProcessingTimeMillis { get; init; }

    [JsonPropertyName("recipients")]
    public IReadOnlyList<string>? Recipients { get; init; }

    [JsonPropertyName("smtpResponse")]
    public string? SmtpResponse { get; init; }

    [JsonPropertyName("reportingMTA")]
    public string? ReportingMta { get; init; }

    [JsonPropertyName("remoteMtaIp")]
    public string? RemoteMtaIp { get; init; }
}
