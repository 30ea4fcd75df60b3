namespace BulkMailer.Data.Operations;

/// <summary>
/// The states of a <c>campaign</c> row (migration V007; docs/operators.md, "A campaign's life"). A campaign without a
/// row is <see cref="Active"/>. claim-batch reads the state: a paused campaign's jobs are handed back, a cancelled
/// campaign's jobs are recorded <c>cancelled</c>.
/// </summary>
public static class CampaignState
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";
}
