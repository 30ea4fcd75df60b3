using BulkMailer.Data.Connections;
using BulkMailer.Data.Queries;
using Dapper;

namespace BulkMailer.Data.Operations;

/// <summary>
/// Reads every campaign's status, or one's (SQL: <c>campaign-summaries</c> and <c>campaign-status-counts</c> in
/// Queries/campaign.sql), on the caller's connection, so a watching operator holds one connection however long.
/// </summary>
public sealed class CampaignStatusReader(StaticConnection connection)
{
    /// <summary>The window the send rate is measured over.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Campaigns with recorded jobs or an operator's state, by campaign id; only <paramref name="campaignId"/> when given.</summary>
    public async Task<IReadOnlyList<CampaignStatus>> ReadAsync(string? campaignId, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var args = new CampaignArgs { CampaignId = campaignId, WindowSeconds = window.TotalSeconds };
        var summaries = await connection.ExecuteAsync((c, _) => c.QueryAsync<SummaryRow>(SqlQueries.CampaignSummaries, args), cancellationToken).ConfigureAwait(false);
        var counts = await connection.ExecuteAsync((c, _) => c.QueryAsync<StatusCountRow>(SqlQueries.CampaignStatusCounts, new CampaignOnly { CampaignId = campaignId }), cancellationToken).ConfigureAwait(false);
        var byCampaign = counts.GroupBy(r => r.CampaignId ?? "").ToDictionary(
            g => g.Key, g => (IReadOnlyDictionary<string, long>)g.ToDictionary(r => r.Status, r => r.Jobs, StringComparer.Ordinal), StringComparer.Ordinal);
        return [.. summaries.Select(s => new CampaignStatus(
            s.CampaignId, s.State, s.Total,
            byCampaign.GetValueOrDefault(s.CampaignId ?? "") ?? new Dictionary<string, long>(StringComparer.Ordinal),
            s.Accepted, s.AcceptedInWindow, window, s.Bounced, s.Complained, s.InFlight, s.ExpiredLeases,
            s.OldestExpiredLease is { } lease ? DateTime.SpecifyKind(lease, DateTimeKind.Utc) : null, s.OldestExpiredJobId))];
    }

    // Internal, not private, so that Dapper.AOT's interceptors can see them (see MailStore).
    internal sealed class CampaignArgs
    {
        public required string? CampaignId { get; init; }
        public required double WindowSeconds { get; init; }
    }

    internal sealed class CampaignOnly
    {
        public required string? CampaignId { get; init; }
    }

    internal sealed class SummaryRow
    {
        public string? CampaignId { get; set; }
        public string State { get; set; } = "";
        public long Total { get; set; }
        public long Accepted { get; set; }
        public long AcceptedInWindow { get; set; }
        public long Bounced { get; set; }
        public long Complained { get; set; }
        public long InFlight { get; set; }
        public long ExpiredLeases { get; set; }
        public DateTime? OldestExpiredLease { get; set; }
        public string? OldestExpiredJobId { get; set; }
    }

    internal sealed class StatusCountRow
    {
        public string? CampaignId { get; set; }
        public string Status { get; set; } = "";
        public long Jobs { get; set; }
    }
}
