using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BulkMailer.IntegrationTests.Ses;

/// <summary>Test-side access to aws-ses-v2-local: create templates, read the mails it accepted (<c>GET /store</c>).</summary>
public sealed class SesEmulatorStore : IDisposable
{
    private readonly HttpClient _http;

    public SesEmulatorStore(Uri endpoint)
    {
        _http = new HttpClient { BaseAddress = endpoint };
        // The emulator refuses requests without an Authorization header; it checks nothing else.
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/test");
    }

    public async Task CreateTemplateAsync(string name, string subject, string text, string html)
    {
        using var response = await _http.PostAsJsonAsync("/v2/email/templates", new JsonObject
        {
            ["TemplateName"] = name,
            ["TemplateContent"] = new JsonObject { ["Subject"] = subject, ["Text"] = text, ["Html"] = html },
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The stored mail with this SES message id.</summary>
    public async Task<JsonElement> MailAsync(string messageId)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/store"));
        foreach (var mail in document.RootElement.GetProperty("emails").EnumerateArray())
        {
            if (mail.GetProperty("messageId").GetString() == messageId)
            {
                return mail.Clone();
            }
        }
        throw new InvalidOperationException($"no stored mail with message id {messageId}");
    }

    public void Dispose() => _http.Dispose();
}
