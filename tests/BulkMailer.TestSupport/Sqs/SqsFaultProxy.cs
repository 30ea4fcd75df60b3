using System.Net;
using System.Text.Json.Nodes;
using BulkMailer.LocalServers.Support;

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

    private readonly LoopbackHttpServer _server;
    private readonly UpstreamForwarder _upstream;
    private int _batchCalls;
    private int _injectedServerErrors;
    private int _injectedEntryFailures;
    private int _forwardedBatches;

    private SqsFaultProxy(Uri upstream)
    {
        _upstream = new UpstreamForwarder(upstream, JsonContentType);
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    /// <summary>Starts a proxy forwarding to <paramref name="upstream"/> (the emulator's endpoint).</summary>
    public static SqsFaultProxy Start(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return new SqsFaultProxy(upstream);
    }

    /// <summary>The endpoint to give the SQS client under test.</summary>
    public Uri Endpoint => _server.Endpoint;

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
        await _server.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        try
        {
            var body = await LoopbackHttpServer.ReadTextAsync(context.Request).ConfigureAwait(false);
            if (context.Request.Headers["X-Amz-Target"] == SendMessageBatchTarget)
            {
                await HandleBatchAsync(context, body, stopping).ConfigureAwait(false);
                return;
            }
            var (status, responseBody) = await _upstream.ForwardAsync(context.Request, body, stopping).ConfigureAwait(false);
            await RespondAsync(context, status, responseBody).ConfigureAwait(false);
        }
        catch (Exception ex) when (LoopbackHttpServer.IsAbandoned(ex))
        {
            // The client went away or the proxy is stopping; nothing to answer, but cut the connection rather
            // than leave a half-answered response open until the listener closes.
            context.Response.Abort();
        }
    }

    private async Task HandleBatchAsync(HttpListenerContext context, string body, CancellationToken stopping)
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
            var (upstreamStatus, upstreamBody) = await _upstream.ForwardAsync(context.Request, request.ToJsonString(), stopping).ConfigureAwait(false);
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

    private static Task RespondAsync(HttpListenerContext context, int status, string body) =>
        LoopbackHttpServer.ReplyAsync(context, status, body, JsonContentType);
}
