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
}
