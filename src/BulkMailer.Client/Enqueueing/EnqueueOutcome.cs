namespace BulkMailer.Client.Enqueueing;

/// <summary>What happened to one job handed to <see cref="BulkMailerClient"/>.</summary>
public enum EnqueueOutcome
{
    /// <summary>SQS acknowledged the message.</summary>
    Enqueued,

    /// <summary>The job failed validation (the sender would reject it) and was not sent.</summary>
    Invalid,

    /// <summary>SQS refused it permanently, or it still failed after the configured attempts.</summary>
    Failed,
}
