using System.Net.Http.Json;
using System.Text.Json;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>Reads aws-ses-v2-local's store of accepted mails (GET /store) and creates templates in it.</summary>
public static class SesStore
{
    private static readonly HttpClient Http = new();

    /// <summary>Recipients of every accepted mail whose To address contains <paramref name="marker"/> (tests use unique markers).</summary>
    public static async Task<IReadOnlyList<string>> RecipientsAsync(Uri endpoint, string marker)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(endpoint, "/store")));
        return [.. document.RootElement.GetProperty("emails").EnumerateArray()
            .SelectMany(e => e.GetProperty("destination").GetProperty("to").EnumerateArray().Select(t => t.GetString() ?? ""))
            .Where(to => to.Contains(marker, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Creates a template (the SES v2 CreateEmailTemplate call; the emulator accepts any Authorization).</summary>
    public static async Task CreateTemplateAsync(Uri endpoint, string name, string subject, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/v2/email/templates"))
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["TemplateName"] = name,
                ["TemplateContent"] = new Dictionary<string, string> { ["Subject"] = subject, ["Text"] = text },
            }),
        };
        // The emulator checks only that an AWS SigV4-style Authorization header is present.
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        // 400 "already exists" is fine: the store is shared by the whole test run.
        if (!response.IsSuccessStatusCode && !body.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CreateEmailTemplate failed: {(int)response.StatusCode} {body}");
        }
    }
}
