using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>The <c>requestContext</c> of a function URL request: what the unsubscribe function needs is the HTTP part.</summary>
public sealed class FunctionUrlRequestContext
{
    [JsonPropertyName("http")]
    public FunctionUrlHttp Http { get; set; } = new();
}
