using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>The <c>requestContext.http</c> of a function URL request.</summary>
public sealed class FunctionUrlHttp
{
    [JsonPropertyName("method")]
    public string Method { get; set; } = "GET";

    [JsonPropertyName("path")]
    public string Path { get; set; } = "/";

    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; set; }
}
