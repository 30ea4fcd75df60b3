using System.Text;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>A Runtime API in memory: hands out the queued invocations, records what the runtime posts.</summary>
public sealed class FakeRuntimeApiClient : IRuntimeApiClient
{
    private readonly Queue<InvocationRequest> _invocations = new();

    public List<(string RequestId, string Body)> Responses { get; } = [];

    public List<(string RequestId, Exception Error)> Errors { get; } = [];

    public List<Exception> InitErrors { get; } = [];

    /// <summary>When set, /response answers with this status (e.g. 413) instead of accepting.</summary>
    public int? RejectResponsesWith { get; set; }

    public void Queue(string requestId, string payload, DateTimeOffset? deadline = null) =>
        _invocations.Enqueue(new InvocationRequest(requestId, deadline ?? DateTimeOffset.UtcNow.AddMinutes(1), "arn:aws:lambda:us-east-1:0:function:f", "Root=1-x", Encoding.UTF8.GetBytes(payload)));

    public Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken) =>
        _invocations.TryDequeue(out var next)
            ? Task.FromResult(next)
            : Task.FromCanceled<InvocationRequest>(new CancellationToken(canceled: true));

    public Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (RejectResponsesWith is { } status)
        {
            throw new RuntimeApiException("rejected", status, null);
        }
        Responses.Add((requestId, Encoding.UTF8.GetString(body.Span)));
        return Task.CompletedTask;
    }

    public Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken)
    {
        Errors.Add((requestId, exception));
        return Task.CompletedTask;
    }

    public Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken)
    {
        InitErrors.Add(exception);
        return Task.CompletedTask;
    }
}
