using System.Text.Json.Serialization;

namespace BulkMailer.Core.Feedback.Events;

/// <summary>The <c>failure</c> object of a <c>Rendering Failure</c> event: the template could not be rendered, nothing was sent.</summary>
public sealed record SesRenderingFailure
{
    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; init; }

    [JsonPropertyName("templateName")]
    public string? TemplateName { get; init; }
}
