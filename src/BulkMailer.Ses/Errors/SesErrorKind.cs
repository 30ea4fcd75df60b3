namespace BulkMailer.Ses.Errors;

/// <summary>What a failed send means for the job, which is what the sender's batch policy switches on.</summary>
public enum SesErrorKind
{
    /// <summary>Try again later (hand the message back to SQS): throttling, 5xx, timeouts, network.</summary>
    Transient,

    /// <summary>This message will never be accepted as it is: record it as failed and acknowledge it.</summary>
    Permanent,

    /// <summary>Nothing can be sent now (sending paused, account suspended, credentials): stop the batch, hand everything back.</summary>
    Systemic,
}
