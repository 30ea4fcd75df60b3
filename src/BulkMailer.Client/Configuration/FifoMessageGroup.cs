namespace BulkMailer.Client.Configuration;

/// <summary>What a FIFO queue's <c>MessageGroupId</c> is made from.</summary>
public enum FifoMessageGroup
{
    /// <summary>
    /// One group per job: no ordering between jobs, so SQS and the sender's event source mapping process
    /// the campaign with full parallelism. The default, because mail jobs are independent.
    /// </summary>
    Job,

    /// <summary>
    /// One group per campaign (the job id when a job has no campaign): jobs of a campaign are delivered in
    /// order, one batch at a time — a throughput ceiling, so choose it only when order matters.
    /// </summary>
    Campaign,
}
