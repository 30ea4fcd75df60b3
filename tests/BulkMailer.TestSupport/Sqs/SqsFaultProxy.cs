using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BulkMailer.LocalStack.Support;

namespace BulkMailer.TestSupport.Sqs;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of an SQS emulator (fauxqs) that injects SendMessageBatch failures the way
/// SQS reports them: entries listed under <c>Failed</c> with <c>SenderFault: false</c> (those entries are really
/// withheld from the emulator, so a client that does not retry them loses them), or a whole call answered with
/// HTTP 500 before it reaches the emulator. Every other request passes through untouched.
/// </summary>
public sealed class SqsFaultProxy : IAsyncDisposable
{
    private const string SendMessageBatchTarget = "AmazonSQS.SendMessageBatch";
    private const string JsonContentType = "application/x-amz-json-1.0";
    private static readonly string[] HopByHopHeaders = ["Host", "Content-Length", "Content-Type", "Connection", "Expect", "Transfer-Encoding", "Keep-Alive"];

    private readonly HttpListener _listener;
    private readonly Uri _upstream;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _batchCalls;
    private int _injectedServerErrors;
    private int _injectedEntryFailures;
    private int _forwardedBatches;

    private SqsFaultProxy(HttpListener listener, int port, Uri upstream)
    {
        _listener = listener;
        _upstream = upstream;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Starts a proxy forwarding to <paramref name="upstream"/> (the emulator's endpoint).</summary>
    public static SqsFaultProxy Start(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var (listener, port) = FreePort.StartHttpListener();
        return new SqsFaultProxy(listener, port, upstream);
    }

    /// <summary>The endpoint to give the SQS client under test.</summary>
    public Uri Endpoint { get; }

    /// <summary>Every n-th SendMessageBatch call (1-based; 0 = never) is answered 500 InternalError and not forwarded.</summary>
    public int ServerErrorEvery { get; set; }

    /// <summary>Every n-th SendMessageBatch call (0 = never) has <see cref="FailedEntriesPerCall"/> entries reported failed.</summary>
    public int FailEntriesEvery { get; set; }

    /// <summary>How many entries (the first ones of the call) an entry-failing call reports failed. Default 3.</summary>
    public int FailedEntriesPerCall { get; set; } = 3;

    /// <summary>Called after each SendMessageBatch call the emulator answered, with the count of such calls so far.</summary>
    public Action<int>? OnBatchForwarded { get; set; }

    public int BatchCalls => Volatile.Read(ref _batchCalls);

    public int InjectedServerErrors => Volatile.Read(ref _injectedServerErrors);

    public int InjectedEntryFailures => Volatile.Read(ref _injectedEntryFailures);

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
        _http.Dispose();
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
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (context.Request.Headers["X-Amz-Target"] == SendMessageBatchTarget)
            {
                await HandleBatchAsync(context, body).ConfigureAwait(false);
                return;
            }
            var (status, responseBody) = await ForwardAsync(context.Request, body).ConfigureAwait(false);
            await RespondAsync(context, status, responseBody).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the proxy is stopping; nothing to answer.
            context.Response.Abort();
        }
    }

    private async Task HandleBatchAsync(HttpListenerContext context, string body)
    {
        var call = Interlocked.Increment(ref _batchCalls);
        if (ServerErrorEvery > 0 && call % ServerErrorEvery == 0)
        {
            Interlocked.Increment(ref _injectedServerErrors);
            await RespondAsync(context, 500, """{"__type":"com.amazonaws.sqs#InternalError","message":"injected by SqsFaultProxy"}""").ConfigureAwait(false);
            return;
        }

        var request = JsonNode.Parse(body)!.AsObject();
        var entries = request["Entries"]!.AsArray();
        var failed = new List<JsonObject>();
        if (FailEntriesEvery > 0 && call % FailEntriesEvery == 0)
        {
            var count = Math.Min(FailedEntriesPerCall, entries.Count);
            for (var i = 0; i < count; i++)
            {
                var entry = entries[0]!;
                entries.RemoveAt(0);
                failed.Add(new JsonObject
                {
                    ["Id"] = entry["Id"]!.GetValue<string>(),
                    ["Code"] = "InternalError",
                    ["Message"] = "injected by SqsFaultProxy",
                    ["SenderFault"] = false,
                });
            }
            Interlocked.Add(ref _injectedEntryFailures, count);
        }

        JsonObject response;
        if (entries.Count == 0)
        {
            // Nothing left to forward: the emulator would call an empty batch an error.
            response = new JsonObject { ["Successful"] = new JsonArray() };
        }
        else
        {
            var (upstreamStatus, upstreamBody) = await ForwardAsync(context.Request, request.ToJsonString()).ConfigureAwait(false);
            if (upstreamStatus != 200)
            {
                await RespondAsync(context, upstreamStatus, upstreamBody).ConfigureAwait(false);
                return;
            }
            response = JsonNode.Parse(upstreamBody)!.AsObject();
            OnBatchForwarded?.Invoke(Interlocked.Increment(ref _forwardedBatches));
        }
        if (failed.Count > 0)
        {
            if (response["Failed"] is not JsonArray target)
            {
                target = [];
                response["Failed"] = target;
            }
            foreach (var entry in failed)
            {
                target.Add(entry);
            }
        }
        await RespondAsync(context, 200, response.ToJsonString()).ConfigureAwait(false);
    }

    private async Task<(int Status, string Body)> ForwardAsync(HttpListenerRequest incoming, string body)
    {
        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(_upstream, incoming.RawUrl))
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        outgoing.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(incoming.ContentType ?? JsonContentType);
        foreach (var name in incoming.Headers.AllKeys)
        {
            if (name is not null && !HopByHopHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                outgoing.Headers.TryAddWithoutValidation(name, incoming.Headers.GetValues(name) ?? []);
            }
        }
        using var answer = await _http.SendAsync(outgoing, _stop.Token).ConfigureAwait(false);
        return ((int)answer.StatusCode, await answer.Content.ReadAsStringAsync(_stop.Token).ConfigureAwait(false));
    }

    private static async Task RespondAsync(HttpListenerContext context, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        context.Response.Close();
    }
}
