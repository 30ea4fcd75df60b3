using System.Net.Http.Headers;
using System.Text.Json;

namespace BulkMailer.Lambda.Secrets;

/// <summary>
/// Reads one Secrets Manager secret's <c>SecretString</c> from the AWS Parameters and Secrets Lambda Extension's local
/// endpoint (<c>GET http://localhost:{port}/secretsmanager/get?secretId={arn}</c>, authenticated by the function's
/// session token; there is no AWSSDK.SecretsManager in this registry, and the extension caches across invocations).
/// The database login and the unsubscribe signing key both read their secrets through it.
/// </summary>
public sealed class SecretsExtensionReader : IDisposable
{
    /// <summary>The extension's port when PARAMETERS_SECRETS_EXTENSION_HTTP_PORT is unset.</summary>
    public const int DefaultPort = 2773;

    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly string _sessionToken;
    private readonly string _description;

    /// <param name="description">Names the secret in errors (e.g. "the database secret"): never its ARN or value.</param>
    public SecretsExtensionReader(string secretArn, int port, string? sessionToken, string description, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretArn);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(5);
        _uri = new Uri($"http://localhost:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
        _sessionToken = sessionToken ?? string.Empty;
        _description = description;
    }

    /// <summary>The secret's current <c>SecretString</c>.</summary>
    public async Task<string> ReadSecretStringAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.TryAddWithoutValidation("X-Aws-Parameters-Secrets-Token", _sessionToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The status only: the extension's error body may echo the secret's ARN and request details.
            throw new InvalidOperationException($"the Parameters and Secrets extension answered {(int)response.StatusCode} for {_description}");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var envelope = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (envelope.RootElement.TryGetProperty("SecretString", out var value) ? value.GetString() : null)
            ?? throw new InvalidOperationException($"{_description} has no SecretString");
    }

    public void Dispose() => _http.Dispose();
}
