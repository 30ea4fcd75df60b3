using System.Security.Cryptography;
using System.Text;

namespace BulkMailer.UnitTests.Ses;

/// <summary>
/// An independent SigV4 computation written from the specification, used only as a test oracle. It is
/// itself pinned to AWS's published test-suite signatures (SigV4SigningTests), so when it accepts what the
/// product's signer produced, the two agree with AWS rather than merely with each other.
/// </summary>
public static class SigV4Reference
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string AmzDate = "20150830T123600Z";
    public const string Region = "us-east-1";
    public const string Service = "service";

    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string PayloadHash(string payload) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));

    /// <param name="headers">Header name → value; names in any case, values as sent.</param>
    /// <param name="signedHeaders">Lower-case names to sign, in any order.</param>
    public static string Signature(
        string method,
        string canonicalUri,
        string query,
        IReadOnlyDictionary<string, string> headers,
        IEnumerable<string> signedHeaders,
        string payloadHash,
        string secretKey = SecretKey,
        string amzDate = AmzDate,
        string region = Region,
        string service = Service)
    {
        var lowered = headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => Collapse(h.Value), StringComparer.Ordinal);
        var names = signedHeaders.Select(h => h.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
        var canonicalHeaders = string.Concat(names.Select(n => $"{n}:{lowered[n]}\n"));
        var canonicalRequest = string.Join('\n', method, canonicalUri, CanonicalQuery(query), canonicalHeaders, string.Join(';', names), payloadHash);
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // The vectors used here carry only unreserved characters in their query, so sorting is the whole job.
    private static string CanonicalQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal));
}
