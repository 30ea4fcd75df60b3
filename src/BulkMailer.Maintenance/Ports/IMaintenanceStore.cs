namespace BulkMailer.Maintenance.Ports;

/// <summary>What the maintenance function needs of the database: one bounded delete of old events, and one read of the counts it reports.</summary>
public interface IMaintenanceStore
{
    /// <summary>
    /// Deletes at most <paramref name="limit"/> stored SES events that happened before <paramref name="before"/>
    /// (UTC); returns how many it deleted. Fewer than <paramref name="limit"/> means none older are left.
    /// </summary>
    Task<int> DeleteEventsBeforeAsync(DateTime before, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// The expired <c>sending</c> leases, and the jobs by status of the at most <paramref name="maxCampaigns"/> campaigns
    /// whose jobs changed most recently within <paramref name="activeWithin"/>: one statement, one round trip.
    /// </summary>
    Task<MaintenanceSnapshot> ReadSnapshotAsync(TimeSpan activeWithin, int maxCampaigns, CancellationToken cancellationToken);
}
