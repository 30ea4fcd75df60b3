namespace BulkMailer.Maintenance.Ports;

/// <summary>One campaign's jobs by status (statuses without jobs are absent) and how many of its <c>sending</c> leases expired.</summary>
public sealed record CampaignJobCounts(string CampaignId, IReadOnlyDictionary<string, long> JobsByStatus, long ExpiredLeases)
{
    /// <summary>The jobs in <paramref name="status"/>; 0 when there are none.</summary>
    public long Jobs(string status) => JobsByStatus.GetValueOrDefault(status);
}
