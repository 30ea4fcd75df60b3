namespace BulkMailer.Data.Mail;

/// <summary>One job of a batch to claim: a valid job (<see cref="RejectReason"/> null) or one to record as rejected.</summary>
/// <param name="JobId">The job id, or the SQS message id for a body that was not JSON at all.</param>
public sealed record ClaimRequest(string JobId, string? CampaignId, string? Recipient, string? RejectReason = null);
