namespace BulkMailer.Lambda.Runtime;

/// <summary>The Lambda Runtime API (2018-06-01) as the invocation loop uses it; a seam for hand-written fakes.</summary>
public interface IRuntimeApiClient
{
    /// <summary>Long-polls <c>/invocation/next</c>. Has no client-side timeout.</summary>
    Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken);

    Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken);

    Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken);
}
