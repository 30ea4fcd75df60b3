namespace BulkMailer.Lambda.Runtime;

/// <summary>
/// The request id of the invocation in progress, for log lines written anywhere in the process. A plain
/// static rather than an AsyncLocal: an execution environment runs one invocation at a time, and work the
/// handler started on other tasks belongs to that same invocation.
/// </summary>
public static class InvocationScope
{
    private static volatile string? s_requestId;

    public static string? CurrentRequestId
    {
        get => s_requestId;
        internal set => s_requestId = value;
    }
}
