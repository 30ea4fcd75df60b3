namespace BulkMailer.Data.Mail;

/// <summary>What the caller does with a claimed job.</summary>
public enum ClaimDecision
{
    /// <summary>This invocation owns the job's lease: send it now.</summary>
    Send,

    /// <summary>Recorded as rejected (invalid job); acknowledge, never retry.</summary>
    Rejected,

    /// <summary>The recipient is suppressed; recorded as suppressed; acknowledge.</summary>
    Suppressed,

    /// <summary>Another delivery holds a live lease on this job: hand the message back, do not send.</summary>
    InFlight,

    /// <summary>The job already reached a final status earlier (a duplicate delivery): acknowledge, do not send.</summary>
    AlreadyFinal,
}
