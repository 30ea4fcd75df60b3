using BulkMailer.LocalServers.Support;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace BulkMailer.LocalLambda.RuntimeApi;

/// <summary>
/// The Lambda service's side of the Runtime API 2018-06-01 on 127.0.0.1, for tests and local runs: queue
/// invocations, let one or more runtimes long-poll <c>/invocation/next</c>, and collect what they post to
/// <c>/response</c>, <c>/error</c> and <c>/init/error</c>. Point a runtime at it with
/// <c>AWS_LAMBDA_RUNTIME_API=</c><see cref="RuntimeApiAddress"/>.
/// </summary>
public sealed class RuntimeApiServer : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly LoopbackHttpServer _server;
    private readonly Channel<QueuedInvocation> _queue = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly ConcurrentDictionary<string, QueuedInvocation> _inFlight = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<InitErrorReport> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextCalls;
    private int _requestCounter;

    private RuntimeApiServer()
    {
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static RuntimeApiServer Start() => new();

    public int Port => _server.Port;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>: <c>127.0.0.1:port</c>.</summary>
    public string RuntimeApiAddress => $"127.0.0.1:{Port}";

    public string FunctionArn { get; set; } = "arn:aws:lambda:us-east-1:000000000000:function:bulkmailer-test";

    /// <summary>Responses larger than this are refused with 413, as Lambda refuses payloads over 6 MB.</summary>
    public int MaxResponseBytes { get; set; } = 6 * 1024 * 1024;

    /// <summary>How many /next requests arrived (a runtime polls once per invocation, plus the one it is waiting on).</summary>
    public int NextCalls => Volatile.Read(ref _nextCalls);

    /// <summary>Completes at the first /next request: "the runtime finished init" (used to measure start-up).</summary>
    public Task<DateTimeOffset> FirstNextCall => _firstNext.Task;

    /// <summary>Completes when a runtime posts to /init/error.</summary>
    public Task<InitErrorReport> InitError => _initError.Task;

    /// <summary>Queues an invocation for the next runtime that polls; await <see cref="QueuedInvocation.Outcome"/>.</summary>
    public QueuedInvocation Enqueue(byte[] payload, TimeSpan? timeout = null, string? traceId = null)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var number = Interlocked.Increment(ref _requestCounter);
        var invocation = new QueuedInvocation(
            $"{Guid.NewGuid():D}",
            payload,
            timeout ?? TimeSpan.FromSeconds(30),
            FunctionArn,
            traceId ?? $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{number:x24};Parent={number:x16};Sampled=0");
        _inFlight[invocation.RequestId] = invocation;
        if (!_queue.Writer.TryWrite(invocation))
        {
            throw new InvalidOperationException("the server is stopped");
        }
        return invocation;
    }

    public QueuedInvocation Enqueue(string payload, TimeSpan? timeout = null, string? traceId = null) =>
        Enqueue(Encoding.UTF8.GetBytes(payload), timeout, traceId);

    /// <summary>Queues an invocation and waits for its outcome (at most <paramref name="wait"/>, 30 s by default).</summary>
    public async Task<InvocationOutcome> InvokeAsync(string payload, TimeSpan? timeout = null, TimeSpan? wait = null)
    {
        var invocation = Enqueue(payload, timeout);
        return await invocation.Outcome.WaitAsync(wait ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    // Runs on its own task per request (LoopbackHttpServer), so a /next long poll does not hold up the /response
    // that unblocks it. A runtime that went away (killed, stopped) or the server stopping ends it quietly there.
    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var path = context.Request.Url?.AbsolutePath ?? "";
        var method = context.Request.HttpMethod;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await ReplyAsync(context, 404, """{"errorMessage":"unknown path","errorType":"NotFound"}""").ConfigureAwait(false);
            return;
        }
        var route = path[Prefix.Length..];
        if (method == "GET" && route == "invocation/next")
        {
            await NextAsync(context, stopping).ConfigureAwait(false);
        }
        else if (method == "POST" && route == "init/error")
        {
            var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            _initError.TrySetResult(new InitErrorReport(body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"]));
            await ReplyAsync(context, 202, """{"status":"OK"}""").ConfigureAwait(false);
        }
        else if (method == "POST" && route.StartsWith("invocation/", StringComparison.Ordinal))
        {
            await PostResultAsync(context, route["invocation/".Length..]).ConfigureAwait(false);
        }
        else
        {
            await ReplyAsync(context, 404, """{"errorMessage":"unknown route","errorType":"NotFound"}""").ConfigureAwait(false);
        }
    }

    private async Task NextAsync(HttpListenerContext context, CancellationToken stopping)
    {
        Interlocked.Increment(ref _nextCalls);
        _firstNext.TrySetResult(DateTimeOffset.UtcNow);
        var invocation = await _queue.Reader.ReadAsync(stopping).ConfigureAwait(false);
        var handedOut = DateTimeOffset.UtcNow;
        invocation.HandedOutAt = handedOut;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        response.Headers["Lambda-Runtime-Deadline-Ms"] = (handedOut + invocation.Timeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        response.Headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        response.ContentLength64 = invocation.Payload.Length;
        try
        {
            await response.OutputStream.WriteAsync(invocation.Payload, stopping).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception lost) when (lost is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The poller died before it got the event: give the invocation to the next runtime, as Lambda would.
            invocation.HandedOutAt = null;
            _queue.Writer.TryWrite(invocation);
        }
    }

    private async Task PostResultAsync(HttpListenerContext context, string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var requestId = slash > 0 ? Uri.UnescapeDataString(rest[..slash]) : "";
        var kind = slash > 0 ? rest[(slash + 1)..] : "";
        if (kind is not ("response" or "error") || !_inFlight.TryGetValue(requestId, out var invocation) || invocation.HandedOutAt is null)
        {
            await ReplyAsync(context, 400, """{"errorMessage":"invalid request id","errorType":"InvalidRequestID"}""").ConfigureAwait(false);
            return;
        }
        var body = await ReadBodyAsync(context.Request).ConfigureAwait(false);
        if (kind == "response" && body.Length > MaxResponseBytes)
        {
            await ReplyAsync(context, 413, """{"errorMessage":"response too large","errorType":"RequestEntityTooLarge"}""").ConfigureAwait(false);
            return;
        }
        var outcome = kind == "error"
            ? new InvocationOutcome(requestId, true, body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"])
            : new InvocationOutcome(requestId, false, body, null);
        _inFlight.TryRemove(requestId, out _);
        invocation.Complete(outcome);
        await ReplyAsync(context, 202, """{"status":"OK"}""").ConfigureAwait(false);
    }

    private static Task<byte[]> ReadBodyAsync(HttpListenerRequest request) => LoopbackHttpServer.ReadBodyAsync(request);

    private static Task ReplyAsync(HttpListenerContext context, int status, string json) => LoopbackHttpServer.ReplyAsync(context, status, json);
}
