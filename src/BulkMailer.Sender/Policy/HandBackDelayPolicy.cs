using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.Sender.Policy;

/// <summary>
/// Whether a job handed back waits before its next delivery. A hand-back for a reason that clears within seconds
/// (a 5xx, a timeout, the deadline) comes back as SQS redelivers it. One for a reason of the account — throttling
/// (SES's "Maximum sending rate exceeded." and "Daily message quota exceeded." both arrive as throttling), sending
/// paused, the account suspended, any systemic stop, a paused campaign — would come back into the same stop and burn a receive each
/// time, draining the campaign into the DLQ; so while the batch met such a stop, every job it hands back waits as
/// <see cref="HandBackSchedule"/> says. Pure: no I/O, no clock.
/// </summary>
public static class HandBackDelayPolicy
{
    /// <summary>Whether this outcome says the account cannot send for longer than a few seconds.</summary>
    public static bool StopsTheAccount(SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Throttled || outcome.Kind == SendOutcomeKind.SystemicFailure;
    }

    /// <summary>Whether this claim decision says the job's campaign will not send for longer than a few seconds (paused).</summary>
    public static bool StopsTheCampaign(ClaimDecision decision) => decision == ClaimDecision.Paused;

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
