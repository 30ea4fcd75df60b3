using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>One recipient named in a complaint.</summary>
public sealed record SesComplainedRecipient
{
    [JsonPropertyName("emailAddress")]
    public string? EmailAddress { get; init; }
}
