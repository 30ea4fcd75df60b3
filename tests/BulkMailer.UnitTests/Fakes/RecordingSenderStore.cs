using BulkMailer.Sender.Ports;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>
/// The sender's store in memory: answers each claim with the decision scripted for its job id (a job with a reject
/// reason is rejected, any other unscripted job is sent, as the claim statement decides), and records every claim,
/// lease and result it is given. Each call is one round trip, as in the real store. Record calls can be scripted to fail.
/// </summary>
public sealed class RecordingSenderStore : ISenderStore
{
    public Dictionary<string, ClaimDecision> Decisions { get; } = new(StringComparer.Ordinal);

    public List<ClaimRequest> Claims { get; } = [];

    public List<TimeSpan> Leases { get; } = [];

    public List<SendResult> Results { get; } = [];

    public long RoundTrips { get; private set; }

    /// <summary>How many record calls fail (with <see cref="RecordFailure"/>) before one succeeds; int.MaxValue: every one.</summary>
    public int FailingRecords { get; set; }

    public Exception RecordFailure { get; set; } = new TimeoutException("the database did not answer");

    /// <summary>Record calls made, failed ones included.</summary>
    public int RecordAttempts { get; private set; }

    public Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        Claims.AddRange(jobs);
        Leases.Add(lease);
        IReadOnlyList<ClaimOutcome> outcomes = [.. jobs.Select(job => new ClaimOutcome(job.JobId, Decide(job), "sending", 1))];
        return Task.FromResult(outcomes);
    }

    public Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        RecordAttempts++;
        if (RecordAttempts <= FailingRecords)
        {
            return Task.FromException(RecordFailure);
        }
        Results.AddRange(results);
        return Task.CompletedTask;
    }

    private ClaimDecision Decide(ClaimRequest job) =>
        Decisions.TryGetValue(job.JobId, out var scripted) ? scripted
        : job.RejectReason is null ? ClaimDecision.Send
        : ClaimDecision.Rejected;
}
