using BulkMailer.Sender.Sending;

namespace BulkMailer.Sender.Policy;

/// <summary>
/// What a job's fate becomes when the record round trip failed for good (every retry within the invocation's time).
/// A job SES accepted is acknowledged all the same: handing it back would send it again once its lease runs out,
/// while its Send and Delivery events move its row on through the feedback function. Every other job — refused,
/// failed, not attempted — goes back to the queue (a permanent failure is refused again and recorded then), so the
/// invocation answers instead of failing, and only what SES did not take is delivered again. Pure.
/// </summary>
public static class RecordFailurePolicy
{
    public static JobFate AfterRecordFailed(JobFate fate, SendOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(fate);
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind == SendOutcomeKind.Sent || fate.Action != JobAction.Acknowledge
            ? fate
            : fate with { Action = JobAction.HandBack };
    }
}
