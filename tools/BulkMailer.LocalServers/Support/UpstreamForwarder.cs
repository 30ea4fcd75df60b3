using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace BulkMailer.LocalServers.Support;

/// <summary>
/// The pass-through half of a fault proxy: replays a request the proxy received (method, path and query, body,
/// end-to-end headers) against the emulator behind it and returns the emulator's status and body.
/// </summary>
public sealed class UpstreamForwarder(Uri upstream, string defaultContentType) : IDisposable
{
    // Set by HttpClient from the new request and its content, or hop-by-hop: not the client's to forward.
    private static readonly string[] SkippedHeaders = ["Host", "Content-Length", "Content-Type", "Connection", "Expect", "Transfer-Encoding", "Keep-Alive"];

    // Fault tests drive many senders at once through one proxy.
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });

    /// <param name="cancellationToken">The proxy's own stop token, not the client's: what the emulator accepted is
    /// still answered and seen by the proxy when the client is gone.</param>
    public async Task<(int Status, string Body)> ForwardAsync(HttpListenerRequest incoming, string body, CancellationToken cancellationToken)
    {
        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(upstream, incoming.RawUrl))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        outgoing.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(incoming.ContentType ?? defaultContentType);
        foreach (var name in incoming.Headers.AllKeys)
        {
            if (name is not null && !SkippedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase) && incoming.Headers.GetValues(name) is { } values)
            {
                outgoing.Headers.TryAddWithoutValidation(name, values);
            }
        }
        using var answer = await _http.SendAsync(outgoing, cancellationToken).ConfigureAwait(false);
        return ((int)answer.StatusCode, await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    public void Dispose() => _http.Dispose();
}
