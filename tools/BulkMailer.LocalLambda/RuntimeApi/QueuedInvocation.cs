namespace BulkMailer.LocalLambda.RuntimeApi;

/// <summary>An invocation waiting for, or being handled by, a runtime. Await <see cref="Outcome"/> for its result.</summary>
public sealed class QueuedInvocation
{
    private readonly TaskCompletionSource<InvocationOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal QueuedInvocation(string requestId, byte[] payload, TimeSpan timeout, string functionArn, string traceId)
    {
        RequestId = requestId;
        Payload = payload;
        Timeout = timeout;
        FunctionArn = functionArn;
        TraceId = traceId;
    }

    public string RequestId { get; }

    public byte[] Payload { get; }

    /// <summary>Function timeout: the deadline header is the hand-out time plus this, as Lambda computes it.</summary>
    public TimeSpan Timeout { get; }

    public string FunctionArn { get; }

    public string TraceId { get; }

    /// <summary>When a runtime received it from /next; null while queued.</summary>
    public DateTimeOffset? HandedOutAt { get; internal set; }

    public Task<InvocationOutcome> Outcome => _outcome.Task;

    internal bool Complete(InvocationOutcome outcome) => _outcome.TrySetResult(outcome);
}
