using System.Text;
using System.Text.Json;
using BulkMailer.LocalLambda.Runs;
using BulkMailer.LocalLambda.SesFeedback;

namespace BulkMailer.LocalLambda.Deployments;

/// <summary>aws-ses-v2-local's own endpoints: templates, and the store of the mails it accepted.</summary>
public sealed class LocalSesStore(Uri sesEndpoint)
{
    private static readonly HttpClient Http = new();

    /// <summary>Creates a template as SES v2 CreateEmailTemplate does.</summary>
    public async Task CreateTemplateAsync(string name, string subject, string text, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sesEndpoint, "/v2/email/templates"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new TemplateRequest(name, new TemplateContent(subject, text)), LocalRunJsonContext.Default.TemplateRequest), Encoding.UTF8, "application/json"),
        };
        // aws-ses-v2-local only checks that a SigV4-style Authorization header is present.
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Empties the store (the bench's variants share one emulator).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsync(new Uri(sesEndpoint, "/clear-store"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every mail accepted since the last clear.</summary>
    public async Task<IReadOnlyList<StoredMail>> MailsAsync(CancellationToken cancellationToken = default) =>
        StoredMail.ParseStore(await Http.GetStringAsync(new Uri(sesEndpoint, "/store"), cancellationToken).ConfigureAwait(false));
}
