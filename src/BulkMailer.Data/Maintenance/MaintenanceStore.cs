using BulkMailer.Data.Connections;
using BulkMailer.Data.Operations;
using BulkMailer.Data.Queries;
using BulkMailer.Maintenance.Ports;
using Dapper;

namespace BulkMailer.Data.Maintenance;

/// <summary>
/// The maintenance function's port on PostgreSQL, on the environment's one static connection, logged in as the role
/// that may only delete old events and read the columns it counts (migration V011): the delete is
/// <see cref="EventPruner"/>'s bounded statement, the read is <c>maintenance-snapshot</c> (Queries/maintenance.sql).
/// </summary>
public sealed class MaintenanceStore(StaticConnection connection) : IMaintenanceStore
{
    private readonly EventPruner _pruner = new(connection);

    public Task<int> DeleteEventsBeforeAsync(DateTime before, int limit, CancellationToken cancellationToken) =>
        _pruner.PruneBatchAsync(before, limit, cancellationToken);

    public async Task<MaintenanceSnapshot> ReadSnapshotAsync(TimeSpan activeWithin, int maxCampaigns, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCampaigns, 0);
        var args = new SnapshotArgs { ActiveSeconds = activeWithin.TotalSeconds, MaxCampaigns = maxCampaigns };
        var rows = (await connection.ExecuteAsync((c, _) => c.QueryAsync<SnapshotRow>(SqlQueries.MaintenanceSnapshot, args), cancellationToken)
            .ConfigureAwait(false)).ToList();
        // The first row is the stuck jobs of every campaign; the rest come in campaign order, most recently active first.
        var stuck = rows.Single(r => r.CampaignId is null);
        var campaigns = rows
            .Where(r => r.CampaignId is not null)
            .GroupBy(r => r.CampaignId!, StringComparer.Ordinal)
            .Select(g => new CampaignJobCounts(
                g.Key,
                g.ToDictionary(r => r.Status!, r => r.Jobs, StringComparer.Ordinal),
                g.Sum(r => r.ExpiredLeases)))
            .ToList();
        return new MaintenanceSnapshot(
            stuck.Jobs,
            stuck.OldestExpiredSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            campaigns);
    }

    // Internal, not private, so that Dapper.AOT's interceptors can see them (see MailStore).
    internal sealed class SnapshotArgs
    {
        public required double ActiveSeconds { get; init; }
        public required int MaxCampaigns { get; init; }
    }

    internal sealed class SnapshotRow
    {
        public string? CampaignId { get; set; }
        public string? Status { get; set; }
        public long Jobs { get; set; }
        public long ExpiredLeases { get; set; }
        public double? OldestExpiredSeconds { get; set; }
        public long Position { get; set; }
    }
}
