namespace BulkMailer.Sender.Sending;

/// <summary>
/// What a send unit does when it wakes later than its send-governor slot by more than <see cref="Tolerance"/>: it
/// takes fresh permits (one round trip) instead of sending on the old slot. That slot's time has passed and the slots
/// after it are other environments' sends: a busy machine that wakes several units late at once would otherwise put
/// all of them on SES together, over its rate (docs/operators.md, "Send governor"). Counts the renewals for the
/// batch's metrics.
/// </summary>
/// <param name="tolerance">How late a unit may still use its slot (<c>GovernorArithmetic.LateSlotTolerance</c>).</param>
/// <param name="renew">Takes n fresh permits: the wait from now for the last of them, or null when none fit the
/// invocation's time.</param>
public sealed class LateSlotRenewal(TimeSpan tolerance, Func<int, CancellationToken, Task<TimeSpan?>> renew)
{
    private int _renewals;

    public TimeSpan Tolerance => tolerance;

    /// <summary>Units that took fresh permits so far.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Whether a unit whose slot was <paramref name="slot"/> (default: none) is too late for it at <paramref name="now"/>.</summary>
    public bool IsLate(DateTimeOffset slot, DateTimeOffset now) => slot != default && now - slot > tolerance;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _renewedSlots = new(StringComparer.Ordinal);

    /// <summary>The fresh slot a job was sent at after a renewal; null: it kept its claim's slot.</summary>
    public DateTimeOffset? RenewedSlot(string jobId) => _renewedSlots.TryGetValue(jobId, out var slot) ? slot : null;

    /// <summary>Notes the fresh slot the jobs of a renewed unit wait for (their permit wait, for the metrics).</summary>
    public void Renewed(IEnumerable<string> jobIds, DateTimeOffset slot)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        foreach (var jobId in jobIds)
        {
            _renewedSlots[jobId] = slot;
        }
    }

    /// <summary>Takes <paramref name="permits"/> fresh permits: the wait for them, or null when there are none in time.</summary>
    public Task<TimeSpan?> RenewAsync(int permits, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renewals);
        return renew(permits, cancellationToken);
    }
}
