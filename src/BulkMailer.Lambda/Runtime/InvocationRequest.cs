namespace BulkMailer.Lambda.Runtime;

/// <summary>
/// One invocation as handed out by the Runtime API's <c>/invocation/next</c>: the raw event payload plus the
/// context headers Lambda sends with it.
/// </summary>
public sealed class InvocationRequest
{
    private readonly TimeProvider _clock;

    public InvocationRequest(
        string requestId,
        DateTimeOffset deadline,
        string? invokedFunctionArn,
        string? traceId,
        ReadOnlyMemory<byte> payload,
        TimeProvider? clock = null,
        string? clientContext = null,
        string? cognitoIdentity = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        RequestId = requestId;
        Deadline = deadline;
        InvokedFunctionArn = invokedFunctionArn;
        TraceId = traceId;
        Payload = payload;
        ClientContext = clientContext;
        CognitoIdentity = cognitoIdentity;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The <c>Lambda-Runtime-Aws-Request-Id</c> header.</summary>
    public string RequestId { get; }

    /// <summary>From <c>Lambda-Runtime-Deadline-Ms</c> (Unix epoch milliseconds): when Lambda stops the invocation.</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>The <c>Lambda-Runtime-Invoked-Function-Arn</c> header.</summary>
    public string? InvokedFunctionArn { get; }

    /// <summary>The <c>Lambda-Runtime-Trace-Id</c> header (X-Ray), also exported as <c>_X_AMZN_TRACE_ID</c>.</summary>
    public string? TraceId { get; }

    public string? ClientContext { get; }

    public string? CognitoIdentity { get; }

    /// <summary>The event JSON exactly as Lambda sent it.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Time left until <see cref="Deadline"/>; never negative.</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var left = Deadline - _clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }
}
