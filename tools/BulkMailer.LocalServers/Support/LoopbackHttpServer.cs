using System.Net;
using System.Text;

namespace BulkMailer.LocalServers.Support;

/// <summary>
/// An HttpListener on a free 127.0.0.1 port that hands every request to a handler until it is disposed: the part
/// every local stand-in (Lambda Runtime API, SES stand-in, fault proxies) shares, so each of them only says how
/// to answer a request. Also the small read/reply helpers those handlers use.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handle;
    private readonly CancellationTokenSource _stop = new();
    // Taken once: a handler still running after DisposeAsync must see a cancelled token, not a disposed source.
    private readonly CancellationToken _stopping;
    private readonly Task _acceptLoop;

    private LoopbackHttpServer(HttpListener listener, int port, Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        _listener = listener;
        _handle = handle;
        _stopping = _stop.Token;
        Port = port;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>
    /// Starts listening on a free loopback port. <paramref name="handle"/> gets each request, on its own task, and
    /// a token that is cancelled when the server stops; it answers the request itself.
    /// </summary>
    public static LoopbackHttpServer Start(Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var (listener, port) = FreePort.StartHttpListener();
        return new LoopbackHttpServer(listener, port, handle);
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// True for what a handler meets when its client hung up (killed, timed out) or the server is stopping: there
    /// is no one left to answer. The server swallows these; a handler catches them itself only to do more.
    /// </summary>
    public static bool IsAbandoned(Exception exception) =>
        exception is HttpListenerException or IOException or ObjectDisposedException or OperationCanceledException or HttpRequestException;

    /// <summary>Cancels the handlers' token and closes the listener, which ends the accept loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing the listener is how the loop ends.
        }
        _stop.Dispose();
    }

    /// <summary>The whole request body.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>The whole request body as UTF-8 text.</summary>
    public static async Task<string> ReadTextAsync(HttpListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        return await reader.ReadToEndAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Answers with <paramref name="status"/> and <paramref name="body"/> (UTF-8, with its length) and closes the
    /// response. Headers set on the response before the call go out with it.
    /// </summary>
    public static async Task ReplyAsync(HttpListenerContext context, int status, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(context);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
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
            // One task per request: a handler that waits (a Runtime API /next long poll, a slow scripted reply)
            // must not hold up the requests behind it, such as the /response that unblocks it.
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context, _stopping).ConfigureAwait(false);
        }
        catch (Exception gone) when (IsAbandoned(gone))
        {
            // The client went away or the server is stopping; nothing to answer.
        }
    }
}
