namespace BulkMailer.Sender.Ports;

/// <summary>What the caller does with a claimed job.</summary>
public enum ClaimDecision
{
    /// <summary>This invocation owns the job's lease: send it now.</summary>
    Send,

    /// <summary>Recorded as rejected (invalid job); acknowledge, never retry.</summary>
    Rejected,

    /// <summary>The recipient is suppressed; recorded as suppressed; acknowledge.</summary>
    Suppressed,

    /// <summary>Another delivery of this same message (or an unknown one) holds a live lease: hand the message back, do not send.</summary>
    InFlight,

    /// <summary>
    /// A different SQS message for the same job holds a live lease: acknowledge this one, do not send. The holding
    /// message stays queued until the job is final, so nothing is lost, and this duplicate does not wait out a
    /// visibility timeout.
    /// </summary>
    HeldByAnotherMessage,

    /// <summary>The job already reached a final status earlier (a duplicate delivery): acknowledge, do not send.</summary>
    AlreadyFinal,

    /// <summary>The job's campaign is cancelled: recorded as cancelled by the claim; acknowledge, never send.</summary>
    Cancelled,

    /// <summary>
    /// The job's campaign is paused: not claimed, nothing recorded; hand the message back. A pause lasts minutes to
    /// days, so this is a hand-back that does not clear within seconds.
    /// </summary>
    Paused,

    /// <summary>
    /// The account's send governor had no permit for it within this invocation's time (docs/operators.md, "Send
    /// governor"): not claimed, nothing recorded; handed back with its next appearance pushed out by the estimated wait.
    /// </summary>
    NoPermit,

    /// <summary>
    /// The account's 24-hour quota is used up (as GetAccount last said): not claimed, nothing recorded; handed back on
    /// the account-stop schedule, as SES's "Daily message quota exceeded." would have it — without asking SES.
    /// </summary>
    QuotaExhausted,
}
