using System.Text.Json;

namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>The headers aws-ses-v2-local stored with the accepted mail to a recipient (<c>GET /store</c>: <c>headers[{name, value}]</c>).</summary>
public static class StoredMailHeaders
{
    private static readonly HttpClient Http = new();

    /// <summary>Header name → value of the one stored mail to <paramref name="recipient"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OfMailToAsync(Uri sesEndpoint, string recipient)
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(sesEndpoint, "/store")));
        var mail = Assert.Single(document.RootElement.GetProperty("emails").EnumerateArray(), e =>
            e.GetProperty("destination").GetProperty("to").EnumerateArray().Any(to => to.GetString() == recipient));
        return mail.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Array
            ? headers.EnumerateArray().ToDictionary(h => h.GetProperty("name").GetString() ?? "", h => h.GetProperty("value").GetString() ?? "", StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>();
    }
}
