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

    /// <summary>The send governor's slot (or estimated wait) the claim answers for a job id; zero when not scripted.</summary>
    public Dictionary<string, TimeSpan> PermitAfter { get; } = new(StringComparer.Ordinal);

    /// <summary>What each claim asked of the send governor (null: no governor).</summary>
    public List<SendPermitRequest?> PermitRequests { get; } = [];

    /// <summary>The rate throttles each successful record reported (null: none).</summary>
    public List<GovernorThrottles?> ThrottleReports { get; } = [];

    public Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        ClaimBatchAsync(jobs, owner, lease, null, cancellationToken);

    public Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, SendPermitRequest? permits, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        Claims.AddRange(jobs);
        Leases.Add(lease);
        PermitRequests.Add(permits);
        IReadOnlyList<ClaimOutcome> outcomes = [.. jobs.Select(job => new ClaimOutcome(job.JobId, Decide(job), "sending", 1, PermitAfter.GetValueOrDefault(job.JobId)))];
        return Task.FromResult(outcomes);
    }

    /// <summary>The permit count of every fresh-permit request (a unit that woke too late for its slot).</summary>
    public List<int> PermitRenewals { get; } = [];

    /// <summary>What a fresh-permit request answers: the wait for the permits, or null for none in time.</summary>
    public TimeSpan? RenewedPermitAfter { get; set; } = TimeSpan.Zero;

    public Task<TimeSpan?> TakeSendPermitsAsync(SendPermitRequest permits, int count, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        PermitRenewals.Add(count);
        return Task.FromResult(RenewedPermitAfter);
    }

    public Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default) =>
        RecordResultsAsync(results, null, cancellationToken);

    public Task RecordResultsAsync(IReadOnlyList<SendResult> results, GovernorThrottles? throttles, CancellationToken cancellationToken = default)
    {
        RoundTrips++;
        RecordAttempts++;
        if (RecordAttempts <= FailingRecords)
        {
            return Task.FromException(RecordFailure);
        }
        Results.AddRange(results);
        ThrottleReports.Add(throttles);
        return Task.CompletedTask;
    }

    private ClaimDecision Decide(ClaimRequest job) =>
        Decisions.TryGetValue(job.JobId, out var scripted) ? scripted
        : job.RejectReason is null ? ClaimDecision.Send
        : ClaimDecision.Rejected;
}
