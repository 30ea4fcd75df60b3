using System.Net.Http.Headers;
using System.Text.Json;
using BulkMailer.Lambda.Configuration;
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
    /// <summary>Reads the environment once (the init phase) and returns the full connection string.</summary>
    public static async Task<string> FromEnvironmentAsync(FunctionEnvironment environment, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var baseString = environment.Text(FunctionVariables.Database)
            ?? throw new InvalidOperationException($"{FunctionVariables.Database} is not set");
        var builder = new NpgsqlConnectionStringBuilder(baseString);
        if (environment.Text(FunctionVariables.DatabaseSecretArn) is { } secretArn)
        {
            var port = environment.Text(FunctionVariables.SecretsExtensionHttpPort) ?? "2773";
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
            // The extension authenticates callers by the function's own session token.
            request.Headers.TryAddWithoutValidation("X-Aws-Parameters-Secrets-Token", environment.Text(FunctionVariables.SessionToken) ?? string.Empty);
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
