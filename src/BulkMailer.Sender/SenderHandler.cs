using System.Diagnostics;
using BulkMailer.Core.Jobs;
using BulkMailer.Core.Privacy;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Sender.Batch;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.Sender;

/// <summary>
/// The sender function: one SQS batch of mail jobs → validate → claim (one round trip) → send through SES →
/// record (one round trip) → partial-batch response. Only transient failures, jobs another delivery holds, and
/// jobs not started before the deadline go back to the queue; rejected, suppressed, permanently failed and
/// duplicate jobs are recorded and acknowledged. A database failure fails the whole invocation (SQS redelivers
/// the batch; nothing is lost).
/// </summary>
public sealed class SenderHandler(
    ISenderStore store,
    MailDispatcher dispatcher,
    SenderOptions options,
    JsonLogger log,
    EmfMetrics metrics)
{
    public async Task<SqsBatchResponse> HandleAsync(SqsEvent sqsEvent, InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var roundTripsBefore = store.RoundTrips;
        var records = sqsEvent.Records.Select(r => ParsedRecord.From(r.MessageId, r.Body)).ToList();
        var ledger = new RecordLedger(records.Select(r => r.MessageId));
        // Records with the same key are one job: they share one claim and one fate.
        var groups = records.GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => new JobGroup(g.FirstOrDefault(r => r.IsValid) ?? g.First(), [.. g]))
            .ToList();

        var claims = await store.ClaimBatchAsync(
            [.. groups.Select(g => ToClaim(g.Representative))],
            request.RequestId,
            request.RemainingTime + options.LeaseExtra,
            cancellationToken).ConfigureAwait(false);
        var decisions = claims.ToDictionary(c => c.JobId, c => c.Decision, StringComparer.Ordinal);

        var toSend = new List<MailJob>();
        var counts = new BatchCounts { Duplicates = records.Count - groups.Count };
        foreach (var group in groups)
        {
            var decision = decisions[group.Representative.Key];
            counts.Count(decision);
            if (decision == ClaimDecision.Send)
            {
                toSend.Add(group.Representative.Job!);
            }
            else if (decision != ClaimDecision.InFlight || !group.Representative.IsValid)
            {
                // Rejected, suppressed, already final, held by another message — or an invalid copy of a job in flight.
                group.AcknowledgeAll(ledger);
            }
            if (decision == ClaimDecision.Rejected)
            {
                log.Warn("job rejected", LogField.Of("jobId", group.Representative.Key), LogField.Of("reason", group.Representative.RejectReason));
            }
        }

        var outcomes = await dispatcher.DispatchAsync(
            SendPlanner.Plan(toSend, options.DefaultConfigurationSet, options.UseBulkSend),
            () => request.RemainingTime,
            cancellationToken).ConfigureAwait(false);

        await store.RecordResultsAsync([.. outcomes.Select(ToResult)], cancellationToken).ConfigureAwait(false);

        var outcomeByJob = outcomes.ToDictionary(o => o.JobId, StringComparer.Ordinal);
        foreach (var group in groups.Where(g => outcomeByJob.ContainsKey(g.Representative.Key)))
        {
            var outcome = outcomeByJob[group.Representative.Key];
            counts.Count(outcome);
            if (!outcome.GoesBackToQueue)
            {
                group.AcknowledgeAll(ledger);
            }
            if (outcome.Kind != SendOutcomeKind.Sent)
            {
                log.Warn("send did not succeed",
                    LogField.Of("jobId", outcome.JobId),
                    LogField.Of("recipient", EmailMask.Mask(group.Representative.Job?.To)),
                    LogField.Of("outcome", outcome.Kind.ToString()),
                    LogField.Of("error", outcome.Error));
            }
        }

        var failures = ledger.Failures();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var roundTrips = store.RoundTrips - roundTripsBefore;
        counts.Flush(metrics, failures.Count, elapsed, roundTrips);
        log.Info("batch done",
            LogField.Of("records", records.Count),
            LogField.Of("sent", counts.Sent),
            LogField.Of("handedBack", failures.Count),
            LogField.Of("dbRoundTrips", roundTrips),
            LogField.Of("durationMs", elapsed.TotalMilliseconds));
        return SqsBatchResponse.ForFailures(failures);
    }

    private static ClaimRequest ToClaim(ParsedRecord record)
    {
        if (record.IsValid && JobValidator.TryParseMailbox(record.Job!.To, out var address))
        {
            return new ClaimRequest(record.Key, record.Job.CampaignId, address, MessageId: record.MessageId);
        }
        var recipient = record.Job?.To is { } to ? to[..Math.Min(to.Length, JobRules.MaxAddressLength)] : null;
        return new ClaimRequest(record.Key, record.Job?.CampaignId, recipient, record.RejectReason ?? "invalid job", record.MessageId);
    }

    private static SendResult ToResult(SendOutcome outcome) => outcome.Kind switch
    {
        SendOutcomeKind.Sent => new SendResult(outcome.JobId, MailStatus.Sent, outcome.SesMessageId, null),
        SendOutcomeKind.PermanentFailure => new SendResult(outcome.JobId, MailStatus.Failed, null, outcome.Error),
        // Certainly not accepted by SES: release the lease so the redelivery sends at once. Ambiguous: keep it.
        _ => new SendResult(outcome.JobId, MailStatus.Sending, null, outcome.Error, ReleaseLease: !outcome.Ambiguous),
    };

    private sealed record JobGroup(ParsedRecord Representative, IReadOnlyList<ParsedRecord> Records)
    {
        public void AcknowledgeAll(RecordLedger ledger)
        {
            foreach (var record in Records)
            {
                ledger.Acknowledge(record.MessageId);
            }
        }
    }

    private sealed class BatchCounts
    {
        public int Duplicates { get; init; }
        public int Claimed { get; private set; }
        public int Sent { get; private set; }
        public int Rejected { get; private set; }
        public int Suppressed { get; private set; }
        public int Failed { get; private set; }
        public int Throttled { get; private set; }
        public int InFlight { get; private set; }
        public int AlreadyFinal { get; private set; }

        public void Count(ClaimDecision decision)
        {
            switch (decision)
            {
                case ClaimDecision.Send: Claimed++; break;
                case ClaimDecision.Rejected: Rejected++; break;
                case ClaimDecision.Suppressed: Suppressed++; break;
                case ClaimDecision.InFlight: InFlight++; break;
                case ClaimDecision.AlreadyFinal or ClaimDecision.HeldByAnotherMessage: AlreadyFinal++; break;
            }
        }

        public void Count(SendOutcome outcome)
        {
            if (outcome.Kind == SendOutcomeKind.Sent)
            {
                Sent++;
            }
            else if (outcome.Kind == SendOutcomeKind.PermanentFailure)
            {
                Failed++;
            }
            if (outcome.Throttled)
            {
                Throttled++;
            }
        }

        public void Flush(EmfMetrics metrics, int handedBack, TimeSpan elapsed, long roundTrips)
        {
            metrics.Put("Claimed", Claimed).Put("Sent", Sent).Put("Rejected", Rejected).Put("Suppressed", Suppressed)
                .Put("Failed", Failed).Put("Throttled", Throttled).Put("InFlight", InFlight)
                .Put("Duplicates", Duplicates + AlreadyFinal).Put("HandedBack", handedBack)
                .Put("BatchDuration", elapsed.TotalMilliseconds, MetricUnit.Milliseconds)
                .Put("DbRoundTrips", roundTrips)
                .Flush();
        }
    }
}
