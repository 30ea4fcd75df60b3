using Amazon.Runtime;

namespace BulkMailer.Ses.Client;

/// <summary>Where and how <see cref="SesClient"/> talks to SES.</summary>
public sealed class SesClientOptions
{
    /// <summary>Signing region, also used for the default endpoint.</summary>
    public required string Region { get; init; }

    /// <summary>Base URL; the REST paths (<c>/v2/email/...</c>) are appended to it.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>Per-request limit, enforced with a CancellationToken. A request that times out is ambiguous.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>SigV4 service name; SES v2 signs as <c>ses</c>.</summary>
    public string SigningService { get; init; } = "ses";

    /// <summary>Null: AWSSDK.Core's default chain (environment, profile, container, instance metadata), resolved on first use.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>
    /// SES in <paramref name="region"/>: at <paramref name="endpointOverride"/> when one is given (the standard
    /// <c>AWS_ENDPOINT_URL_SES</c>/<c>AWS_ENDPOINT_URL</c>, resolved by the function's environment reader), else at
    /// <c>https://email.{region}.amazonaws.com</c>.
    /// </summary>
    public static SesClientOptions For(string? region, string? endpointOverride)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new InvalidOperationException("AWS_REGION is not set");
        }
        var endpoint = string.IsNullOrWhiteSpace(endpointOverride) ? $"https://email.{region}.amazonaws.com" : endpointOverride.Trim();
        return new SesClientOptions { Region = region.Trim(), Endpoint = new Uri(endpoint, UriKind.Absolute) };
    }
}
