using System.Net;
using System.Text;
using System.Text.Json;

namespace BulkMailer.IntegrationTests.Connections;

/// <summary>
/// The Parameters and Secrets extension's local endpoint as an HTTP handler: answers GetSecretValue JSON with the
/// credentials it currently holds (a test rotates them), counts the reads and checks the session-token header.
/// </summary>
public sealed class SecretsExtensionStandIn(string username, string password) : HttpMessageHandler
{
    public const string SessionToken = "session-token-for-tests";

    public string Password { get; set; } = password;

    public int Reads { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("X-Aws-Parameters-Secrets-Token", out var tokens) || tokens.Single() != SessionToken)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden));
        }
        Reads++;
        var secret = JsonSerializer.Serialize(new Dictionary<string, string> { ["username"] = username, ["password"] = Password });
        var envelope = JsonSerializer.Serialize(new Dictionary<string, string> { ["Name"] = "db", ["SecretString"] = secret });
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(envelope, Encoding.UTF8, "application/json") });
    }
}
