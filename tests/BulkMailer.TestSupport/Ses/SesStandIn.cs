using BulkMailer.LocalStack.Support;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace BulkMailer.TestSupport.Ses;

/// <summary>
/// A fault-injecting SES v2 on 127.0.0.1: answers <c>/v2/email/outbound-emails</c> and
/// <c>/v2/email/outbound-bulk-emails</c> with scripted replies in order (throttle, 5xx, rejections, paused
/// sending, dropped connections, slow answers), then with success. Records every request.
/// </summary>
public sealed class SesStandIn : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<SesStandInReply> _script = new();
    private readonly ConcurrentQueue<SesStandInRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _messageCounter;

    private SesStandIn(HttpListener listener, int port)
    {
        _listener = listener;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public static SesStandIn Start()
    {
        var (listener, port) = FreePort.StartHttpListener();
        return new SesStandIn(listener, port);
    }

    /// <summary>The value for <c>AWS_ENDPOINT_URL_SES</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<SesStandInRequest> Requests => _requests.ToArray();

    /// <summary>Replies used in order for the next requests; when the script is empty, requests succeed.</summary>
    public void Script(params SesStandInReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException)
        {
            // Closing the listener is how the loop ends.
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in context.Request.Headers.AllKeys)
            {
                if (name is not null)
                {
                    headers[name] = context.Request.Headers[name] ?? "";
                }
            }
            var path = context.Request.Url?.AbsolutePath ?? "";
            _requests.Enqueue(new SesStandInRequest(context.Request.HttpMethod, path, headers, body));

            var reply = _script.TryDequeue(out var scripted) ? scripted : SesStandInReply.Success();
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stop.Token).ConfigureAwait(false);
            }
            if (reply.DropConnection)
            {
                // HttpListener cannot reset a connection before answering (Abort alone still completes a
                // response), so promise a body, send one byte of it and cut the connection: the client sees
                // the connection die before SES's answer is complete.
                context.Response.StatusCode = 200;
                context.Response.ContentLength64 = 1024;
                await context.Response.OutputStream.WriteAsync("{"u8.ToArray()).ConfigureAwait(false);
                await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
                context.Response.Abort();
                return;
            }
            if (!headers.ContainsKey("Authorization"))
            {
                // Like SES (and aws-ses-v2-local): an unsigned request is refused before anything else.
                await WriteAsync(context, 403, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException").ConfigureAwait(false);
                return;
            }
            var answer = reply.Body ?? SuccessBody(path, body);
            await WriteAsync(context, answer is null ? 404 : reply.Status, answer ?? """{"message":"unknown operation"}""", reply.ErrorType).ConfigureAwait(false);
        }
        catch (Exception gone) when (gone is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client hung up (its timeout) or the stand-in is stopping.
        }
    }

    private string? SuccessBody(string path, string requestBody)
    {
        if (path.EndsWith("/v2/email/outbound-emails", StringComparison.Ordinal))
        {
            return $$"""{"MessageId":"standin-{{Interlocked.Increment(ref _messageCounter)}}"}""";
        }
        if (path.EndsWith("/v2/email/outbound-bulk-emails", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(requestBody);
            var entries = document.RootElement.TryGetProperty("BulkEmailEntries", out var list) ? list.GetArrayLength() : 0;
            var results = Enumerable.Range(0, entries)
                .Select(_ => $$"""{"Status":"SUCCESS","MessageId":"standin-{{Interlocked.Increment(ref _messageCounter)}}"}""");
            return "{\"BulkEmailEntryResults\":[" + string.Join(",", results) + "]}";
        }
        return null;
    }

    private static async Task WriteAsync(HttpListenerContext context, int status, string body, string? errorType)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        if (errorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = errorType;
        }
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}
