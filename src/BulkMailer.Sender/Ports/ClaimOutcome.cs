namespace BulkMailer.Sender.Ports;

/// <summary>The decision for one job id of a claimed batch, with the row's status and attempt count after the claim.</summary>
/// <param name="PermitAfter">From the claim's answer: for <see cref="ClaimDecision.Send"/>, when the send governor's
/// slot for this job comes (zero: at once); for <see cref="ClaimDecision.NoPermit"/> and
/// <see cref="ClaimDecision.QuotaExhausted"/>, the slot it would have had (its estimated wait).</param>
public sealed record ClaimOutcome(string JobId, ClaimDecision Decision, string Status, int Attempts, TimeSpan PermitAfter = default);
