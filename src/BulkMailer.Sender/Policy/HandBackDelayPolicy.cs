using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Errors;

namespace BulkMailer.Sender.Policy;

/// <summary>
/// Whether a job handed back waits before its next delivery. A hand-back for a reason that clears within seconds
/// (a 5xx, a timeout, the deadline) comes back as SQS redelivers it. One for a reason of the account — throttling
/// (SES's "Maximum sending rate exceeded." and "Daily message quota exceeded." both arrive as throttling), sending
/// paused, the account suspended, any systemic stop, a paused campaign, the 24-hour quota used up as the send
/// governor knows it — would come back into the same stop and burn a receive each
/// time, draining the campaign into the DLQ; so while the batch met such a stop, every job it hands back waits as
/// <see cref="HandBackSchedule"/> says. Pure: no I/O, no clock.
/// </summary>
public static class HandBackDelayPolicy
{
    /// <summary>Whether this outcome says the account cannot send for longer than a few seconds. Under the send governor
    /// (<paramref name="governed"/>) a rate throttle is not such a stop: the governor slows the account down (AIMD) and
    /// the job comes back within seconds (<see cref="AfterRateThrottle"/>); a daily-quota refusal still is.</summary>
    public static bool StopsTheAccount(SendOutcome outcome, bool governed = false)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return (outcome.Throttled && !(governed && IsRateThrottle(outcome))) || outcome.Kind == SendOutcomeKind.SystemicFailure;
    }

    /// <summary>A throttle over the rate, not over the 24-hour quota (SES answers both as throttling).</summary>
    public static bool IsRateThrottle(SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Throttled && !SesErrorClassifier.IsDailyQuotaRefusal(outcome.Error);
    }

    /// <summary>
    /// Under the send governor, a job SES throttled for the rate goes back for <see cref="GovernorArithmetic.ShortestNoPermitDelay"/>
    /// (the governor has already slowed down), or the account-stop schedule's wait for its earlier receives when it
    /// was handed back before; every other fate is unchanged.
    /// </summary>
    public static JobFate AfterRateThrottle(JobFate fate, SendOutcome outcome, bool governed, int receiveCount, HandBackSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(fate);
        ArgumentNullException.ThrowIfNull(schedule);
        return governed && fate.Action == JobAction.HandBack && IsRateThrottle(outcome)
            ? fate with { Action = JobAction.HandBackLater, Delay = Escalated(GovernorArithmetic.ShortestNoPermitDelay, receiveCount, schedule) }
            : fate;
    }

    /// <summary>Whether this claim decision says the job will not be sent for longer than a few seconds: its campaign is
    /// paused, or the account's 24-hour quota is used up (the send governor said so before SES would have).</summary>
    public static bool StopsForLong(ClaimDecision decision) => decision is ClaimDecision.Paused or ClaimDecision.QuotaExhausted;

    /// <summary>
    /// The fate of a job the send governor had no permit for (<see cref="ClaimDecision.NoPermit"/>): handed back with
    /// its next appearance pushed out until its slot would fall within a claim's wait
    /// (<see cref="GovernorArithmetic.NoPermitDelay"/>: a few seconds at least, minutes at most); every other fate is unchanged.
    /// A job that meets no permit again waits at least the account-stop schedule's wait for its earlier receives: each
    /// receive counts towards the DLQ, and a demand the rate cannot serve within a claim's wait is not a passing one.
    /// </summary>
    /// <param name="permitAfter">The slot the governor estimated for it, from the claim.</param>
    /// <param name="maxWait">The longest wait a claim could use (this invocation's).</param>
    public static JobFate AfterNoPermit(JobFate fate, ClaimDecision decision, TimeSpan permitAfter, TimeSpan maxWait, int receiveCount, HandBackSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(fate);
        ArgumentNullException.ThrowIfNull(schedule);
        if (fate.Action != JobAction.HandBack || decision != ClaimDecision.NoPermit)
        {
            return fate;
        }
        return fate with { Action = JobAction.HandBackLater, Delay = Escalated(GovernorArithmetic.NoPermitDelay(permitAfter, maxWait), receiveCount, schedule) };
    }

    /// <summary>The governor's short wait, or the account-stop schedule's wait for the earlier receives when longer.</summary>
    private static TimeSpan Escalated(TimeSpan delay, int receiveCount, HandBackSchedule schedule) =>
        receiveCount > 1 && schedule.DelayAfter(receiveCount - 1) is var stop && stop > delay ? stop : delay;

    /// <summary>
    /// The fate once the batch is known: a hand-back in a batch the account stopped becomes
    /// <see cref="JobAction.HandBackLater"/> with the schedule's wait after <paramref name="receiveCount"/> receives;
    /// every other fate is unchanged. Jobs not started because the stop tripped wait too: they would meet it as well.
    /// </summary>
    public static JobFate Apply(JobFate fate, bool accountStopped, int receiveCount, HandBackSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(fate);
        ArgumentNullException.ThrowIfNull(schedule);
        return fate.Action == JobAction.HandBack && accountStopped
            ? fate with { Action = JobAction.HandBackLater, Delay = schedule.DelayAfter(receiveCount) }
            : fate;
    }
}
