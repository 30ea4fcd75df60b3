using System.Text.Json;

namespace BulkMailer.Migrator.CustomResources;

/// <summary>
/// PUTs the answer to the pre-signed ResponseURL. The URL is signed without a content type, so none is sent (an
/// added header would break S3's signature check). Retried a few times: an answer that never arrives leaves the
/// stack waiting for an hour.
/// </summary>
public sealed class ResponseUploader(HttpClient http)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    public async Task PutAsync(string responseUrl, CustomResourceResponse response, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseUrl);
        ArgumentNullException.ThrowIfNull(response);
        var body = JsonSerializer.SerializeToUtf8Bytes(response, CustomResourceJsonContext.Default.CustomResourceResponse);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(responseUrl, UriKind.Absolute)) { Content = new ByteArrayContent(body) };
                using var answer = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
                if (attempt >= Backoff.Length || (int)answer.StatusCode is >= 400 and < 500)
                {
                    throw new HttpRequestException($"the custom-resource ResponseURL answered {(int)answer.StatusCode}");
                }
            }
            catch (HttpRequestException) when (attempt < Backoff.Length)
            {
                // A network failure: try again after a pause.
            }
            await Task.Delay(Backoff[attempt], cancellationToken).ConfigureAwait(false);
        }
    }
}
