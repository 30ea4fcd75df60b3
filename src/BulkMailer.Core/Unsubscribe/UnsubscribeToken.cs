namespace BulkMailer.Core.Unsubscribe;

/// <summary>
/// What an unsubscribe link names (docs/contract.md, Unsubscribe): the recipient (lower-cased, the form the
/// suppression list stores), the campaign the mail belonged to (empty for a job without one) and when the link stops
/// working.
/// </summary>
public sealed record UnsubscribeToken(string Email, string CampaignId, DateTimeOffset ExpiresAt);
