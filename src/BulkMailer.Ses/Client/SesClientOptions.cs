using Amazon.Runtime;

namespace BulkMailer.Ses.Client;

/// <summary>Where and how <see cref="SesClient"/> talks to SES.</summary>
public sealed class SesClientOptions
{
    public const string EndpointVariable = "AWS_ENDPOINT_URL_SES";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";

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
    /// Endpoint from <c>AWS_ENDPOINT_URL_SES</c>, else <c>AWS_ENDPOINT_URL</c>, else <c>https://email.{region}.amazonaws.com</c>;
    /// region from <c>AWS_REGION</c>, else <c>AWS_DEFAULT_REGION</c>.
    /// </summary>
    public static SesClientOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var region = NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION"))
            ?? throw new InvalidOperationException("AWS_REGION is not set");
        var endpoint = NonEmpty(environment(EndpointVariable)) ?? NonEmpty(environment(GlobalEndpointVariable))
            ?? $"https://email.{region}.amazonaws.com";
        return new SesClientOptions { Region = region, Endpoint = new Uri(endpoint, UriKind.Absolute) };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
