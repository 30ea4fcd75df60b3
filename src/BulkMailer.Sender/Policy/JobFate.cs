using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Policy;

/// <summary>What becomes of one job of a batch: the <see cref="Action"/> on its records, and the result to record, if any.</summary>
/// <param name="Record">The row update after a send; null when there is nothing to record (the claim already recorded
/// a rejected or suppressed job, or the job is not this invocation's to settle).</param>
/// <param name="Delay">For <see cref="JobAction.HandBackLater"/>: how long until its records appear in the queue again.</param>
public sealed record JobFate(JobAction Action, SendResult? Record = null, TimeSpan? Delay = null);
