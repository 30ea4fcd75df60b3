namespace BulkMailer.Sender.Ports;

/// <summary>
/// What the sender needs from the database: claim a batch, record its results, and say how many round trips that
/// took. BulkMailer.Data's <c>MailStore</c> is the implementation that ships; the benchmark plugs in naive patterns
/// (a connection per invocation, a pool per environment, a query per message) behind this same interface, so
/// a comparison changes the data access and nothing else.
/// </summary>
public interface ISenderStore
{
    /// <summary>Commands sent to the server so far by this environment.</summary>
    long RoundTrips { get; }

    Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims a batch taking the jobs' send permits from the account's governor in the same round trip
    /// (<paramref name="permits"/> null: no governor). A store without one (the benchmark's naive variants) claims as
    /// without a governor.
    /// </summary>
    Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, SendPermitRequest? permits, CancellationToken cancellationToken = default) =>
        ClaimBatchAsync(jobs, owner, lease, cancellationToken);

    /// <summary>
    /// Takes <paramref name="count"/> fresh send permits from the account's governor for a send unit that woke too late
    /// for its slot: the wait from now for the last of them, or null when they do not fit within the request's wait.
    /// A store without a governor (the benchmark's naive variants) grants at once, as its claims do.
    /// </summary>
    Task<TimeSpan?> TakeSendPermitsAsync(SendPermitRequest permits, int count, CancellationToken cancellationToken = default) =>
        Task.FromResult<TimeSpan?>(TimeSpan.Zero);

    /// <summary>Records a batch's results and, in the same round trip, the SES rate throttles it met (null: none).</summary>
    Task RecordResultsAsync(IReadOnlyList<SendResult> results, GovernorThrottles? throttles, CancellationToken cancellationToken = default) =>
        RecordResultsAsync(results, cancellationToken);
}
