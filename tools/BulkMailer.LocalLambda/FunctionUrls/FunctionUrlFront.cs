using System.Net;
using System.Text;
using System.Text.Json;
using BulkMailer.Lambda.Events;
using BulkMailer.LocalLambda.RuntimeApi;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.LocalLambda.FunctionUrls;

/// <summary>
/// A Lambda function URL on 127.0.0.1: each HTTP request becomes a payload format 2.0 event, is invoked through the
/// function's Runtime API server, and the function's <c>{statusCode, headers, body}</c> goes back as the HTTP answer —
/// as AWS's function URL front does, so a browser or a mail client's one-click POST can talk to a local function.
/// Bodies that are not text are base64-encoded (<c>isBase64Encoded</c>), as Lambda does; a function error answers
/// 502, as a function URL does.
/// </summary>
public sealed class FunctionUrlFront : IAsyncDisposable
{
    private readonly RuntimeApiServer _runtime;
    private readonly TimeSpan _timeout;
    private readonly LoopbackHttpServer _server;
    private int _requests;

    private FunctionUrlFront(RuntimeApiServer runtime, TimeSpan timeout)
    {
        _runtime = runtime;
        _timeout = timeout;
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    /// <summary>Starts a front on a free loopback port for the function polling <paramref name="runtime"/>.</summary>
    public static FunctionUrlFront Start(RuntimeApiServer runtime, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new FunctionUrlFront(runtime, timeout ?? TimeSpan.FromSeconds(10));
    }

    /// <summary><c>http://127.0.0.1:port/</c>: the function URL (the base of unsubscribe links locally).</summary>
    public Uri Url => _server.Endpoint;

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>The event a function URL would send for <paramref name="request"/> with <paramref name="body"/>.</summary>
    private static FunctionUrlRequest EventFor(HttpListenerRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var url = request.Url ?? throw new InvalidOperationException("the request has no URL");
        var text = IsText(request.ContentType);
        return new FunctionUrlRequest
        {
            RawPath = url.AbsolutePath,
            RawQueryString = url.Query.TrimStart('?'),
            Headers = request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => request.Headers[k] ?? "", StringComparer.Ordinal),
            RequestContext = new FunctionUrlRequestContext
            {
                Http = new FunctionUrlHttp { Method = request.HttpMethod, Path = url.AbsolutePath, SourceIp = request.RemoteEndPoint?.Address.ToString() },
            },
            Body = body.Length == 0 ? null : text ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body),
            IsBase64Encoded = body.Length > 0 && !text,
        };
    }

    private static bool IsText(string? contentType) =>
        contentType is { } type && (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase));

    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        try
        {
            var body = await LoopbackHttpServer.ReadBodyAsync(context.Request).ConfigureAwait(false);
            var payload = JsonSerializer.Serialize(EventFor(context.Request, body), FunctionUrlJsonContext.Default.FunctionUrlRequest);
            var outcome = await _runtime.InvokeAsync(payload, _timeout, _timeout + TimeSpan.FromSeconds(5)).WaitAsync(stopping).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            var answer = outcome.IsError ? null : Parse(outcome.Body);
            if (answer is null)
            {
                await LoopbackHttpServer.ReplyAsync(context, 502, """{"Message":"Internal Server Error"}""").ConfigureAwait(false);
                return;
            }
            await ReplyAsync(context, answer).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await LoopbackHttpServer.ReplyAsync(context, 502, """{"Message":"Internal Server Error"}""").ConfigureAwait(false);
        }
        catch (Exception gone) when (LoopbackHttpServer.IsAbandoned(gone))
        {
            // The client hung up or the front is stopping: no one to answer.
        }
    }

    private static FunctionUrlResponse? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, FunctionUrlJsonContext.Default.FunctionUrlResponse) is { StatusCode: >= 100 and <= 599 } response ? response : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task ReplyAsync(HttpListenerContext context, FunctionUrlResponse answer)
    {
        var response = context.Response;
        var bytes = answer.IsBase64Encoded ? Convert.FromBase64String(answer.Body) : Encoding.UTF8.GetBytes(answer.Body);
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else
            {
                response.Headers[name] = value;
            }
        }
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        response.Close();
    }
}
