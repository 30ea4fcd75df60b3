using BulkMailer.Core.Jobs;
using BulkMailer.Sender.Leases;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.Sender.Policy;

/// <summary>
/// The sender's decision for each job, in two steps: the claim decides whether the job is sent now, and for a sent
/// job the send's outcome decides the rest. Only what may still succeed later goes back to the queue — a transient
/// SES failure (throttling included), a send not started before the deadline or after a systemic stop, and a job
/// another delivery of the same message holds. Everything else is settled and acknowledged, so it is never sent
/// twice and never blocks the queue. Pure: no I/O, no clock.
/// </summary>
public static class JobFatePolicy
{
    /// <summary>The fate the claim decides; <see cref="JobAction.Send"/> means the send's outcome decides (see <see cref="AfterSend"/>).</summary>
    /// <param name="isValid">Whether the copy the claim was made for is a valid job.</param>
    public static JobFate AfterClaim(ClaimDecision decision, bool isValid) => decision switch
    {
        ClaimDecision.Send => new JobFate(JobAction.Send),
        // The same message delivered twice: the other delivery may still send it, so this one comes back later and
        // then finds the job settled.
        ClaimDecision.InFlight when isValid => new JobFate(JobAction.HandBack),
        // A paused campaign: neither sent nor settled; the message comes back until the campaign is resumed (or
        // cancelled, and then the claim records it cancelled). Only valid jobs are ever paused.
        ClaimDecision.Paused => new JobFate(JobAction.HandBack),
        // The account's send governor had no permit (rate) or the 24-hour quota is used up: not claimed, nothing
        // recorded; it goes back unsent and HandBackDelayPolicy says how long it waits.
        ClaimDecision.NoPermit or ClaimDecision.QuotaExhausted => new JobFate(JobAction.HandBack),
        // Rejected, suppressed and cancelled are recorded by the claim itself; an already final job, or one another message
        // holds (that message stays queued until the job is final), needs nothing from this record; an invalid copy
        // of a job in flight can never be sent.
        _ => new JobFate(JobAction.Acknowledge),
    };

    /// <summary>The fate of a job this invocation tried (or, near the deadline, did not start) to send.</summary>
    public static JobFate AfterSend(SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            SendOutcomeKind.Sent => new JobFate(JobAction.Acknowledge, new SendResult(outcome.JobId, MailStatus.Sent, outcome.SesMessageId, null)),
            SendOutcomeKind.PermanentFailure => new JobFate(JobAction.Acknowledge, new SendResult(outcome.JobId, MailStatus.Failed, null, outcome.Error)),
            // Transient, systemic or not attempted: still 'sending', and the redelivery tries again.
            _ => new JobFate(JobAction.HandBack,
                new SendResult(outcome.JobId, MailStatus.Sending, null, outcome.Error, ReleaseLease: LeaseRules.ReleaseOnHandBack(outcome.Ambiguous))),
        };
    }
}
