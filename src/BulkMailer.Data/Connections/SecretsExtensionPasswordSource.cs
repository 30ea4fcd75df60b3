using System.Net.Http.Headers;
using System.Text.Json;

namespace BulkMailer.Data.Connections;

/// <summary>
/// Reads the database secret from the AWS Parameters and Secrets Lambda Extension's local endpoint
/// (<c>GET http://localhost:{port}/secretsmanager/get?secretId={arn}</c>, authenticated by the function's session
/// token; there is no AWSSDK.SecretsManager in this registry, and the extension caches across invocations). The
/// secret is kept until the server refuses it: then <see cref="Invalidate"/> makes the next open fetch it again, which
/// is how a rotated password reaches an environment that read the old one (the extension's own cache lifetime,
/// SECRETS_MANAGER_TTL, bounds how stale that fetch can be).
/// </summary>
public sealed class SecretsExtensionPasswordSource : IDatabasePasswordSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _uri;
    private readonly string _sessionToken;
    private DatabaseSecret? _cached;

    public SecretsExtensionPasswordSource(string secretArn, int port, string? sessionToken, HttpMessageHandler? handler = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretArn);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(5);
        _uri = new Uri($"http://localhost:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
        _sessionToken = sessionToken ?? string.Empty;
    }

    /// <summary>Times the secret was fetched from the extension (1, plus one per refused password).</summary>
    public int Fetches { get; private set; }

    public async Task<DatabaseSecret> GetSecretAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached)
        {
            return cached;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, _uri);
        request.Headers.TryAddWithoutValidation("X-Aws-Parameters-Secrets-Token", _sessionToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // The status only: the extension's error body may echo the secret's ARN and request details.
            throw new InvalidOperationException($"the Parameters and Secrets extension answered {(int)response.StatusCode} for the database secret");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var envelope = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var secretString = envelope.RootElement.TryGetProperty("SecretString", out var value) ? value.GetString() : null;
        using var secret = JsonDocument.Parse(secretString ?? throw new InvalidOperationException("the database secret has no SecretString"));
        var username = secret.RootElement.TryGetProperty("username", out var user) ? user.GetString() : null;
        var password = secret.RootElement.TryGetProperty("password", out var pass) ? pass.GetString() : null;
        Fetches++;
        _cached = new DatabaseSecret(username, password ?? throw new InvalidOperationException("the database secret has no password"));
        return _cached;
    }

    public async ValueTask<string> GetPasswordAsync(CancellationToken cancellationToken) =>
        (await GetSecretAsync(cancellationToken).ConfigureAwait(false)).Password;

    public void Invalidate() => _cached = null;

    public void Dispose() => _http.Dispose();
}
