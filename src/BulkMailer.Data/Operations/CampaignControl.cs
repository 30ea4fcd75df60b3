using BulkMailer.Data.Connections;
using BulkMailer.Data.Queries;
using Dapper;

namespace BulkMailer.Data.Operations;

/// <summary>
/// Cancels, pauses and resumes a campaign (SQL: <c>campaign-set-state</c> in Queries/campaign.sql). Each works whether
/// or not any job of the campaign was claimed yet; cancelling is for good: a cancelled campaign is neither paused nor
/// resumed again.
/// </summary>
public sealed class CampaignControl(StaticConnection connection)
{
    private static readonly string[] Any = [CampaignState.Active, CampaignState.Paused, CampaignState.Cancelled];
    private static readonly string[] NotCancelled = [CampaignState.Active, CampaignState.Paused];

    /// <summary>Cancels the campaign; returns its state afterwards (always <see cref="CampaignState.Cancelled"/>).</summary>
    public Task<string> CancelAsync(string campaignId, CancellationToken cancellationToken = default) =>
        SetAsync(campaignId, CampaignState.Cancelled, Any, cancellationToken);

    /// <summary>Pauses the campaign unless it is cancelled; returns its state afterwards.</summary>
    public Task<string> PauseAsync(string campaignId, CancellationToken cancellationToken = default) =>
        SetAsync(campaignId, CampaignState.Paused, NotCancelled, cancellationToken);

    /// <summary>Resumes the campaign unless it is cancelled; returns its state afterwards.</summary>
    public Task<string> ResumeAsync(string campaignId, CancellationToken cancellationToken = default) =>
        SetAsync(campaignId, CampaignState.Active, NotCancelled, cancellationToken);

    private Task<string> SetAsync(string campaignId, string state, string[] allowed, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        var args = new SetStateArgs { CampaignId = campaignId, State = state, Allowed = allowed };
        return connection.ExecuteAsync((c, _) => c.QuerySingleAsync<string>(SqlQueries.CampaignSetState, args), cancellationToken);
    }

    // Internal, not private, so that Dapper.AOT's interceptors can see it (see MailStore).
    internal sealed class SetStateArgs
    {
        public required string CampaignId { get; init; }
        public required string State { get; init; }
        public required string[] Allowed { get; init; }
    }
}
