using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace BulkMailer.Ses.Signing;

/// <summary>
/// Signs an <see cref="HttpRequestMessage"/> with AWS Signature Version 4 through AWSSDK.Core's public
/// <see cref="AWSSigV4Signer"/> (no crypto of our own). The headers signed are the request's own headers
/// plus Content-Type; the signer adds host, X-Amz-Date, X-Amz-Content-SHA256 and the session token.
/// </summary>
public sealed class SigV4RequestSigner
{
    // Headers a proxy or the HTTP stack may rewrite; signing them would break the signature in transit.
    private static readonly HashSet<string> Unsigned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "User-Agent", "Connection", "Expect", "Transfer-Encoding", "Content-Length",
        "X-Amz-Date", "X-Amz-Content-SHA256", "Host",
    };

    private readonly AWSCredentials _credentials;
    private readonly RegionEndpoint _region;
    private readonly string _service;
    private readonly TimeProvider? _clock;

    /// <param name="clock">A fixed clock for test vectors; null signs with the SDK's clock-skew-corrected now.</param>
    public SigV4RequestSigner(AWSCredentials credentials, string region, string service, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        _credentials = credentials;
        _region = RegionEndpoint.GetBySystemName(region);
        _service = service;
        _clock = clock;
    }

    /// <summary>Adds Authorization, X-Amz-Date, X-Amz-Content-SHA256 (and X-Amz-Security-Token) to <paramref name="request"/>.</summary>
    /// <param name="body">The exact bytes that will be sent; their hash is signed.</param>
    public async Task SignAsync(HttpRequestMessage request, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var signing = new AWSSigningRequest
        {
            HttpMethod = request.Method,
            RequestUri = request.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(request)),
            Content = body,
        };
        foreach (var header in request.Headers)
        {
            if (!Unsigned.Contains(header.Key))
            {
                signing.Headers[header.Key] = string.Join(",", header.Value);
            }
        }
        if (request.Content?.Headers.ContentType is { } contentType)
        {
            signing.Headers["Content-Type"] = contentType.ToString();
        }
        var parameters = new AWSSigV4Parameters
        {
            Credentials = _credentials,
            Region = _region,
            Service = _service,
            SignedAt = _clock?.GetUtcNow().UtcDateTime,
        };
        var result = await AWSSigV4Signer.SignAsync(signing, parameters, cancellationToken).ConfigureAwait(false);
        foreach (var header in result.Headers)
        {
            request.Headers.Remove(header.Key);
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                throw new InvalidOperationException($"could not add signed header {header.Key}");
            }
        }
    }
}
