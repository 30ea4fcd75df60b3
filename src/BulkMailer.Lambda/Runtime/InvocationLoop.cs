using BulkMailer.Lambda.Observability;

namespace BulkMailer.Lambda.Runtime;

/// <summary>
/// The custom runtime's loop: take the next invocation, run the handler, post its result or its exception,
/// repeat. A handler exception ends that invocation only; a Runtime API failure ends the loop, because the
/// runtime cannot tell what state Lambda is in and the documented answer is to exit.
/// </summary>
public sealed class InvocationLoop
{
    /// <summary>Time kept back before the deadline to post the error of a handler that ran out of time.</summary>
    public static readonly TimeSpan ReportMargin = TimeSpan.FromMilliseconds(250);

    private readonly IRuntimeApiClient _client;
    private readonly LambdaHandler _handler;
    private readonly JsonLogger _log;

    public InvocationLoop(IRuntimeApiClient client, LambdaHandler handler, JsonLogger? log = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _log = log ?? JsonLogger.Default;
    }

    /// <summary>Runs invocations until <paramref name="cancellationToken"/> is cancelled (then throws OperationCanceledException).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Handles exactly one invocation. Returns true when the handler succeeded and its response was accepted.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var invocation = await _client.GetNextInvocationAsync(cancellationToken).ConfigureAwait(false);
        InvocationScope.CurrentRequestId = invocation.RequestId;
        try
        {
            InvocationResponse response;
            // The handler's token also fires at the invocation's deadline (less the time to report): a call stuck on
            // a dead socket ends as this invocation's error, which SQS redelivers, instead of a silent timeout.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var untilDeadline = invocation.RemainingTime - ReportMargin;
            deadline.CancelAfter(untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero);
            try
            {
                response = await _handler(invocation, deadline.Token).ConfigureAwait(false) ?? InvocationResponse.Empty;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                _log.Error("handler failed", exception);
                await _client.ReportInvocationErrorAsync(invocation.RequestId, exception, cancellationToken).ConfigureAwait(false);
                return false;
            }

            try
            {
                await _client.SendResponseAsync(invocation.RequestId, response.Body, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RuntimeApiException rejected) when (rejected.StatusCode is >= 400 and < 500)
            {
                // Lambda refuses a response it cannot deliver (413 when over the payload limit); the invocation
                // is still open and must be closed with an error, or it would only end at its timeout.
                _log.Error("response rejected by the Runtime API", rejected, LogField.Of("statusCode", rejected.StatusCode));
                await _client.ReportInvocationErrorAsync(invocation.RequestId, rejected, cancellationToken).ConfigureAwait(false);
                return false;
            }
        }
        finally
        {
            InvocationScope.CurrentRequestId = null;
        }
    }
}
