namespace BulkMailer.Sender.Sending;

/// <summary>What happened to one claimed job's send.</summary>
public enum SendOutcomeKind
{
    /// <summary>SES accepted it (message id known).</summary>
    Sent,

    /// <summary>SES will never accept it as it is: recorded failed, acknowledged.</summary>
    PermanentFailure,

    /// <summary>Throttled, 5xx, timeout: handed back to the queue.</summary>
    Transient,

    /// <summary>Not started (deadline near, or a systemic error stopped the batch): handed back.</summary>
    NotAttempted,

    /// <summary>
    /// SES refused it for a reason of the account or the deployment, not of this message (sending paused, credentials,
    /// a missing template or configuration set, an unverified MAIL FROM domain, an answer that is not SES's): it stops
    /// the batch, and the job is handed back unsent — never failed — so a redrive after the fix sends it.
    /// </summary>
    SystemicFailure,
}
