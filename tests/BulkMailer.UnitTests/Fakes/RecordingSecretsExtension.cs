using System.Net;
using System.Text;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>The Parameters and Secrets extension's endpoint in memory: answers one SecretString, records the requests.</summary>
public sealed class RecordingSecretsExtension(string secretString, HttpStatusCode status = HttpStatusCode.OK) : HttpMessageHandler
{
    public List<(Uri Uri, string? Token)> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request.RequestUri!, request.Headers.TryGetValues("X-Aws-Parameters-Secrets-Token", out var tokens) ? tokens.Single() : null));
        var envelope = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["Name"] = "key", ["SecretString"] = secretString });
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(envelope, Encoding.UTF8, "application/json") });
    }
}
