using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>A function URL answer (payload format 2.0): status, headers, text body.</summary>
public sealed class FunctionUrlResponse
{
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    [JsonPropertyName("headers")]
    public Dictionary<string, string> Headers { get; set; } = [];

    [JsonPropertyName("body")]
    public string Body { get; set; } = "";

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}
