using BulkMailer.Lambda.Processing;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.Sender.Batch;

/// <summary>The sender's per-batch counters, handed to the batch processor as metrics (one EMF line per invocation).</summary>
internal sealed class SenderBatchCounts
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

    /// <summary>Jobs the send governor had no permit for (rate) or stopped for the 24-hour quota: not claimed.</summary>
    public int NoPermit { get; private set; }

    public int QuotaExhausted { get; private set; }

    /// <summary>Send units that woke too late for their send-governor slot and took fresh permits (one round trip each).</summary>
    public int LateSlotRenewals { get; set; }

    /// <summary>Records handed back with their next appearance pushed out (an account-level stop).</summary>
    public int Delayed { get; set; }

    public void Count(ClaimDecision decision)
    {
        switch (decision)
        {
            case ClaimDecision.Send: Claimed++; break;
            case ClaimDecision.Rejected: Rejected++; break;
            case ClaimDecision.Suppressed: Suppressed++; break;
            case ClaimDecision.InFlight: InFlight++; break;
            case ClaimDecision.AlreadyFinal or ClaimDecision.HeldByAnotherMessage: AlreadyFinal++; break;
            case ClaimDecision.NoPermit: NoPermit++; break;
            case ClaimDecision.QuotaExhausted: QuotaExhausted++; break;
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

    public void WriteTo(BatchProcessingResult result) =>
        result.Metric("Claimed", Claimed).Metric("Sent", Sent).Metric("Rejected", Rejected).Metric("Suppressed", Suppressed)
            .Metric("Failed", Failed).Metric("Throttled", Throttled).Metric("InFlight", InFlight).Metric("DelayedHandBacks", Delayed)
            .Metric("NoSendPermit", NoPermit).Metric("QuotaExhausted", QuotaExhausted).Metric("LateSlotRenewals", LateSlotRenewals)
            .Metric("Duplicates", Duplicates + AlreadyFinal);
}
