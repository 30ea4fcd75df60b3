using BulkMailer.Core.Jobs;
using BulkMailer.Core.Privacy;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Sender.Batch;
using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Leases;
using BulkMailer.Sender.Policy;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.Sender;

/// <summary>
/// The sender function: one SQS batch of mail jobs → validate → claim (one round trip) → send through SES →
/// record (one round trip) → partial-batch response. What happens to each job is <see cref="JobFatePolicy"/>'s
/// decision; the batch bookkeeping (hand back what is not acknowledged, metrics, the "batch done" line) belongs to
/// the <see cref="SqsBatchProcessor"/> that runs this handler. A claim that fails fails the whole invocation (SQS
/// redelivers the batch; nothing was sent). The record is retried while time remains (<see cref="ResultRecorder"/>);
/// when it fails for good only the jobs SES did not accept go back (<see cref="RecordFailurePolicy"/>). Jobs handed
/// back while the account is stopped have their next appearance pushed out (<see cref="HandBackDelayPolicy"/>,
/// through <paramref name="visibility"/>; null: no delays, e.g. the benchmark). The account's send rate and quota are
/// shared through the database's send governor (docs/operators.md, "Send governor"): the claim takes each job's permit
/// and slot in its own round trip, the dispatcher waits for the slots, and jobs without a permit go back for a while.
/// </summary>
/// <param name="clock">Paces the record retries and dates the governor's slots; the system clock unless a test steps it.</param>
/// <param name="governor">The account's rate and quota source; null: no send governor.</param>
public sealed class SenderHandler(
    ISenderStore store,
    MailDispatcher dispatcher,
    SenderOptions options,
    JsonLogger log,
    IVisibilityDelayer? visibility = null,
    TimeProvider? clock = null,
    AccountSendBudget? governor = null) : ISqsBatchHandler
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private readonly ResultRecorder _recorder = new(store, log, clock ?? TimeProvider.System, options.DeadlineMargin);

    private readonly ConfigurationSetAllowList _configurationSets = options.ConfigurationSets;

    public async Task<BatchProcessingResult> HandleBatchAsync(IReadOnlyList<SqsMessage> messages, InvocationRequest request, CancellationToken cancellationToken)
    {
        var result = new BatchProcessingResult();
        var byId = messages.ToLookup(m => m.MessageId, StringComparer.Ordinal);
        var records = messages.Select(r => ParsedRecord.From(r.MessageId, r.Body, _configurationSets)).ToList();
        // Records with the same key are one job: they share one claim and one fate.
        var groups = records.GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => new JobGroup(g.FirstOrDefault(r => r.IsValid) ?? g.First(), [.. g]))
            .ToList();

        if (governor is not null)
        {
            await governor.RefreshIfDueAsync(cancellationToken).ConfigureAwait(false);
        }
        var maxWait = GovernorArithmetic.MaxWait(request.RemainingTime, options.DeadlineMargin);
        var permits = governor?.Request(maxWait);
        var claims = await store.ClaimBatchAsync(
            [.. groups.Select(g => g.Representative.ToClaim())],
            request.RequestId,
            LeaseRules.Length(request.RemainingTime, options.LeaseExtra),
            permits,
            cancellationToken).ConfigureAwait(false);
        var claimedAt = _clock.GetUtcNow();
        var claimByJob = claims.ToDictionary(c => c.JobId, StringComparer.Ordinal);
        var slots = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);

        var toSend = new List<MailJob>();
        var counts = new SenderBatchCounts { Duplicates = records.Count - groups.Count };
        var delays = new VisibilityDelays(visibility, log);
        void Settle(JobGroup group, JobFate fate)
        {
            group.Apply(fate, result);
            if (fate is { Action: JobAction.HandBackLater, Delay: { } delay })
            {
                foreach (var message in group.Messages(byId))
                {
                    delays.Add(message, delay);
                }
            }
        }

        foreach (var group in groups)
        {
            var claim = claimByJob[group.Representative.Key];
            var decision = claim.Decision;
            counts.Count(decision);
            var fate = JobFatePolicy.AfterClaim(decision, group.Representative.IsValid);
            if (fate.Action == JobAction.Send)
            {
                toSend.Add(group.Representative.Job!);
                slots[group.Representative.Key] = claimedAt + claim.PermitAfter;
            }
            // A paused campaign or a used-up 24-hour quota lasts longer than a redelivery: those jobs wait like an
            // account stop's; a job without a send permit waits until its slot would come within a claim's wait.
            var receives = group.Messages(byId).Max(m => m.ApproximateReceiveCount);
            fate = HandBackDelayPolicy.Apply(fate, HandBackDelayPolicy.StopsForLong(decision), receives, options.HandBackSchedule);
            fate = HandBackDelayPolicy.AfterNoPermit(fate, decision, claim.PermitAfter, maxWait, receives, options.HandBackSchedule);
            Settle(group, fate);
            if (decision == ClaimDecision.Rejected)
            {
                log.Warn("job rejected", LogField.Of("jobId", group.Representative.Key), LogField.Of("reason", group.Representative.RejectReason));
            }
        }

        // A SendBulkEmail of n entries is n mails at once to SES: no more than the governor's burst per call. Jobs
        // are planned in slot order, so a unit holds neighbouring slots and no early job waits for a late one.
        var units = SendPlanner.Plan(toSend.OrderBy(j => slots[j.JobId]), options.DefaultConfigurationSet, options.UseBulkSend,
                permits is { Burst: >= 1 } ? (int)permits.Burst : int.MaxValue)
            .Select(u => u with { NotBefore = u.Jobs.Max(j => slots[j.JobId]) })
            .OrderBy(u => u.NotBefore)
            .ToList();
        // A unit that wakes too late for its slot takes fresh permits, waiting at most what the invocation has left.
        var lateSlots = permits is null ? null : new LateSlotRenewal(GovernorArithmetic.LateSlotTolerance(permits.Rate, permits.Burst),
            (count, token) => store.TakeSendPermitsAsync(permits with { MaxWait = GovernorArithmetic.MaxWait(request.RemainingTime, options.DeadlineMargin) }, count, token));
        var outcomes = await dispatcher.DispatchAsync(units, () => request.RemainingTime, cancellationToken, lateSlots).ConfigureAwait(false);
        counts.LateSlotRenewals = lateSlots?.Renewals ?? 0;
        var sendFates = outcomes.Select(o => (Outcome: o, Fate: JobFatePolicy.AfterSend(o))).ToList();
        var governed = permits is not null;
        var accountStopped = outcomes.Any(o => HandBackDelayPolicy.StopsTheAccount(o, governed));
        var rateThrottles = outcomes.Count(HandBackDelayPolicy.IsRateThrottle);

        var recorded = await _recorder.RecordAsync(
            [.. sendFates.Select(s => s.Fate.Record).OfType<SendResult>()],
            permits is not null && rateThrottles > 0 ? new GovernorThrottles(permits.Key, rateThrottles) : null,
            () => request.RemainingTime, cancellationToken).ConfigureAwait(false);

        var fateByJob = sendFates.ToDictionary(s => s.Outcome.JobId, StringComparer.Ordinal);
        foreach (var group in groups.Where(g => fateByJob.ContainsKey(g.Representative.Key)))
        {
            var (outcome, fate) = fateByJob[group.Representative.Key];
            counts.Count(outcome);
            fate = recorded ? fate : RecordFailurePolicy.AfterRecordFailed(fate, outcome);
            var receives = group.Messages(byId).Max(m => m.ApproximateReceiveCount);
            fate = HandBackDelayPolicy.Apply(fate, accountStopped, receives, options.HandBackSchedule);
            fate = HandBackDelayPolicy.AfterRateThrottle(fate, outcome, governed, receives, options.HandBackSchedule);
            Settle(group, fate);
            if (outcome.Kind != SendOutcomeKind.Sent)
            {
                log.Warn("send did not succeed",
                    LogField.Of("jobId", outcome.JobId),
                    LogField.Of("recipient", EmailMask.Mask(group.Representative.Job?.To)),
                    LogField.Of("outcome", outcome.Kind.ToString()),
                    LogField.Of("error", outcome.Error));
            }
        }
        counts.Delayed = delays.Count;
        await delays.ApplyAsync(cancellationToken).ConfigureAwait(false);

        counts.WriteTo(result);
        if (governed)
        {
            // Each sent job's wait for its slot, counted from the claim's answer: the slot the governor gave it, or the
            // fresh one it took after waking too late for that.
            result.Metric(SenderMetricNames.SendPermitWait,
                [.. outcomes.Where(o => o.Kind == SendOutcomeKind.Sent).Select(o => Math.Max(0,
                    (lateSlots?.RenewedSlot(o.JobId) is { } renewed ? renewed - claimedAt : claimByJob[o.JobId].PermitAfter).TotalMilliseconds))],
                MetricUnit.Milliseconds);
        }
        result.Log(LogField.Of("sent", counts.Sent));
        return result;
    }

    private sealed record JobGroup(ParsedRecord Representative, IReadOnlyList<ParsedRecord> Records)
    {
        public IEnumerable<SqsMessage> Messages(ILookup<string, SqsMessage> byId) => Records.SelectMany(r => byId[r.MessageId]).Distinct();

        public void Apply(JobFate fate, BatchProcessingResult result)
        {
            if (fate.Action != JobAction.Acknowledge)
            {
                return;
            }
            foreach (var record in Records)
            {
                result.Acknowledge(record.MessageId);
            }
        }
    }
}
