namespace BulkMailer.Maintenance.Ports;

/// <summary>What one maintenance run reads: the stuck jobs of every campaign, and the recently active campaigns' counts.</summary>
/// <param name="ExpiredLeases">Jobs still <c>sending</c> whose lease ran out: their sender died and no redelivery has claimed them yet.</param>
/// <param name="OldestExpiredLeaseAge">How long ago the oldest of those leases ran out; null when there is none.</param>
/// <param name="Campaigns">The recently active campaigns, most recent first.</param>
public sealed record MaintenanceSnapshot(long ExpiredLeases, TimeSpan? OldestExpiredLeaseAge, IReadOnlyList<CampaignJobCounts> Campaigns);
