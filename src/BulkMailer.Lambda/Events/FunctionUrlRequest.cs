using System.Text;
using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>
/// A Lambda function URL request (payload format 2.0): the fields the unsubscribe function reads. The local Lambda
/// service builds the same shape from a plain HTTP request.
/// </summary>
public sealed class FunctionUrlRequest
{
    [JsonPropertyName("version")]
    public string Version { get; set; } = "2.0";

    [JsonPropertyName("rawPath")]
    public string RawPath { get; set; } = "/";

    /// <summary>The query string as sent, without the <c>?</c>; empty when there is none.</summary>
    [JsonPropertyName("rawQueryString")]
    public string RawQueryString { get; set; } = "";

    /// <summary>Header names lower-cased; repeated headers joined by commas (as Lambda does).</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; set; }

    [JsonPropertyName("requestContext")]
    public FunctionUrlRequestContext RequestContext { get; set; } = new();

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>True when <see cref="Body"/> is base64 (Lambda encodes bodies it does not consider text, forms included).</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>The body as text, decoded from base64 when it is; null when it is absent or not valid base64/UTF-8.</summary>
    public string? BodyText()
    {
        if (Body is null || !IsBase64Encoded)
        {
            return Body;
        }
        var bytes = new byte[Body.Length];
        if (!Convert.TryFromBase64String(Body, bytes, out var written))
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
