namespace BulkMailer.Sender.Ports;

/// <summary>One job of a batch to claim: a valid job (<see cref="RejectReason"/> null) or one to record as rejected.</summary>
/// <param name="JobId">The job id, or the SQS message id for a body that was not JSON at all.</param>
/// <param name="MessageId">The SQS message carrying the job: a claim remembers it, so a different message for the same
/// job can be told apart from a redelivery of the same one (see <see cref="ClaimDecision.HeldByAnotherMessage"/>).</param>
public sealed record ClaimRequest(string JobId, string? CampaignId, string? Recipient, string? RejectReason = null, string? MessageId = null);
