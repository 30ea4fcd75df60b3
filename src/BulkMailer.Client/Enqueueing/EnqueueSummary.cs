namespace BulkMailer.Client.Enqueueing;

/// <summary>Counts of an enqueue run, by outcome.</summary>
public sealed record EnqueueSummary(long Enqueued, long Invalid, long Failed)
{
    public long Total => Enqueued + Invalid + Failed;
}
