using System.Text.Json;
using BulkMailer.Lambda.Secrets;

namespace BulkMailer.Data.Connections;

/// <summary>
/// Reads the database secret through the Parameters and Secrets Lambda Extension (<see cref="SecretsExtensionReader"/>). The
/// secret is kept until the server refuses it: then <see cref="Invalidate"/> makes the next open fetch it again, which
/// is how a rotated password reaches an environment that read the old one (the extension's own cache lifetime,
/// SECRETS_MANAGER_TTL, bounds how stale that fetch can be).
/// </summary>
public sealed class SecretsExtensionPasswordSource : IDatabasePasswordSource, IDisposable
{
    private readonly SecretsExtensionReader _reader;
    private DatabaseSecret? _cached;

    public SecretsExtensionPasswordSource(string secretArn, int port, string? sessionToken, HttpMessageHandler? handler = null) =>
        _reader = new SecretsExtensionReader(secretArn, port, sessionToken, "the database secret", handler);

    /// <summary>Times the secret was fetched from the extension (1, plus one per refused password).</summary>
    public int Fetches { get; private set; }

    public async Task<DatabaseSecret> GetSecretAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached)
        {
            return cached;
        }
        var secretString = await _reader.ReadSecretStringAsync(cancellationToken).ConfigureAwait(false);
        using var secret = JsonDocument.Parse(secretString);
        var username = secret.RootElement.TryGetProperty("username", out var user) ? user.GetString() : null;
        var password = secret.RootElement.TryGetProperty("password", out var pass) ? pass.GetString() : null;
        Fetches++;
        _cached = new DatabaseSecret(username, password ?? throw new InvalidOperationException("the database secret has no password"));
        return _cached;
    }

    public async ValueTask<string> GetPasswordAsync(CancellationToken cancellationToken) =>
        (await GetSecretAsync(cancellationToken).ConfigureAwait(false)).Password;

    public void Invalidate() => _cached = null;

    public void Dispose() => _reader.Dispose();
}
