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
}
