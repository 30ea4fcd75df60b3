namespace BulkMailer.Client.Enqueueing;

/// <summary>
/// The outcome of one job. Results arrive in completion order, not input order: <see cref="Sequence"/> is the
/// job's zero-based position in the input, for callers that need to correlate.
/// </summary>
/// <param name="Sequence">Zero-based position of the job in the input sequence.</param>
/// <param name="JobId">The job's id (empty when the input held a null job).</param>
/// <param name="Outcome">Enqueued, invalid or failed.</param>
/// <param name="MessageId">The SQS message id when enqueued.</param>
/// <param name="Reason">Why it is invalid or failed; null when enqueued. Never contains recipient addresses.</param>
/// <param name="Attempts">SendMessageBatch attempts spent on it (0 for invalid jobs).</param>
public sealed record EnqueueResult(long Sequence, string JobId, EnqueueOutcome Outcome, string? MessageId, string? Reason, int Attempts)
{
    public static EnqueueResult Enqueued(long sequence, string jobId, string? messageId, int attempts) =>
        new(sequence, jobId, EnqueueOutcome.Enqueued, messageId, null, attempts);

    public static EnqueueResult Invalid(long sequence, string jobId, string reason) =>
        new(sequence, jobId, EnqueueOutcome.Invalid, null, reason, 0);

    public static EnqueueResult Failed(long sequence, string jobId, string reason, int attempts) =>
        new(sequence, jobId, EnqueueOutcome.Failed, null, reason, attempts);
}
