namespace BulkMailer.Sender.Policy;

/// <summary>What the sender does next with a job's SQS records.</summary>
public enum JobAction
{
    /// <summary>This invocation holds the lease: send the job now (its fate then follows from the send's outcome).</summary>
    Send,

    /// <summary>The job is settled for this delivery: delete every record carrying it from the queue.</summary>
    Acknowledge,

    /// <summary>Not settled: every record carrying it goes back to the queue and is delivered again.</summary>
    HandBack,

    /// <summary>
    /// Not settled, and the account cannot send for a while (throttling, daily quota, sending paused or suspended, any
    /// systemic stop): every record carrying it goes back with its next appearance pushed out by
    /// <see cref="JobFate.Delay"/> (<see cref="HandBackSchedule"/>), so waiting out the stop does not burn its receives.
    /// </summary>
    HandBackLater,
}
