using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;

namespace BulkMailer.Data.Connections;

/// <summary>
/// Builds a function's connection string from its environment: <c>BULKMAILER_DB</c> (host, port, database, user,
/// TLS — never the password in AWS), plus, when <c>BULKMAILER_DB_SECRET_ARN</c> is set, the credentials read from
/// Secrets Manager through the AWS Parameters and Secrets Lambda Extension's local HTTP endpoint (there is no
/// AWSSDK.SecretsManager here, and the extension caches the secret across invocations and environments).
/// </summary>
public static class DatabaseConnectionString
{
    public const string Variable = "BULKMAILER_DB";
    public const string SecretArnVariable = "BULKMAILER_DB_SECRET_ARN";
    public const string ExtensionPortVariable = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";

    /// <summary>Reads the environment once (the init phase) and returns the full connection string.</summary>
    public static async Task<string> FromEnvironmentAsync(Func<string, string?>? environment = null, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var baseString = environment(Variable);
        if (string.IsNullOrWhiteSpace(baseString))
        {
            throw new InvalidOperationException($"{Variable} is not set");
        }
        var builder = new NpgsqlConnectionStringBuilder(baseString);
        if (environment(SecretArnVariable) is { Length: > 0 } secretArn)
        {
            var port = environment(ExtensionPortVariable) is { Length: > 0 } p ? p : "2773";
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
            // The extension authenticates callers by the function's own session token.
            request.Headers.TryAddWithoutValidation("X-Aws-Parameters-Secrets-Token", environment("AWS_SESSION_TOKEN") ?? string.Empty);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var envelope = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            var secretString = envelope.RootElement.GetProperty("SecretString").GetString()
                ?? throw new InvalidOperationException("the database secret has no SecretString");
            using var secret = JsonDocument.Parse(secretString);
            if (secret.RootElement.TryGetProperty("username", out var username))
            {
                builder.Username = username.GetString();
            }
            builder.Password = secret.RootElement.GetProperty("password").GetString();
        }
        return builder.ConnectionString;
    }
}
