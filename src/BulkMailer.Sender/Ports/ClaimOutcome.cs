namespace BulkMailer.Sender.Ports;

/// <summary>The decision for one job id of a claimed batch, with the row's status and attempt count after the claim.</summary>
public sealed record ClaimOutcome(string JobId, ClaimDecision Decision, string Status, int Attempts);
