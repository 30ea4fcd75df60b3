using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalServers.Ses;

namespace BulkMailer.LocalLambda.Reporting;

/// <summary>
/// How a run did against the SES account front (<c>SesAccountFront</c>) the sender sent through: the account rate,
/// the calls SES refused as over it, the rate achieved and the rate the send-rate model (<c>bulkmailer budget</c>,
/// src/BulkMailer.Deployment/Budget) predicts for the same knobs.
/// </summary>
public sealed record AccountRateReport
{
    /// <summary>Reads <paramref name="front"/>'s counts after a run; <paramref name="predictedRate"/> is the model's for the run's knobs.</summary>
    /// <param name="senderInvocations">The sender's successful invocation times, as the local Lambda service measured them.</param>
    public static AccountRateReport Measure(SesAccountFront front, double? predictedRate, IReadOnlyList<TimeSpan> senderInvocations)
    {
        ArgumentNullException.ThrowIfNull(front);
        ArgumentNullException.ThrowIfNull(senderInvocations);
        var accepted = front.AcceptedAt;
        var sorted = senderInvocations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return new AccountRateReport
        {
            AccountRate = front.Limits.MaxSendRate,
            SesLatencyMs = front.Limits.Latency.TotalMilliseconds,
            SendCalls = front.SendCalls,
            ThrottledCalls = front.RateRefusals,
            AcceptedMails = accepted.Count,
            MeasuredRate = Math.Round(AcceptedMailRate.Of(accepted), 3),
            PredictedRate = predictedRate is { } p ? Math.Round(p, 3) : null,
            SenderInvocationP50Ms = sorted.Length == 0 ? 0 : Math.Round(sorted[(sorted.Length - 1) / 2], 1),
        };
    }

    /// <summary>The front's maximum send rate in mails/s (also the sender's <c>BULKMAILER_ACCOUNT_SEND_RATE</c>); 0: none.</summary>
    public required double AccountRate { get; init; }

    /// <summary>The front's latency per send call.</summary>
    public required double SesLatencyMs { get; init; }

    /// <summary>SendEmail and SendBulkEmail calls the front received.</summary>
    public required int SendCalls { get; init; }

    /// <summary>Send calls refused "Maximum sending rate exceeded." (the front's count).</summary>
    public required int ThrottledCalls { get; init; }

    /// <summary>Mails the front let through and the emulator accepted.</summary>
    public required int AcceptedMails { get; init; }

    /// <summary>Accepted mails ÷ the span from the first acceptance to the last.</summary>
    public required double MeasuredRate { get; init; }

    /// <summary>The model's mails/s for the run's concurrency, batch size, parallelism and latency, capped by the account rate; null without a latency to model.</summary>
    public required double? PredictedRate { get; init; }

    /// <summary>
    /// Median sender invocation time: set against the model's ms per batch it tells time spent inside a batch from time
    /// between batches (the local Lambda service, the queue, a busy machine).
    /// </summary>
    public double SenderInvocationP50Ms { get; init; }

    /// <summary>Measured ÷ account rate; null without an account rate.</summary>
    public double? MeasuredToAccountRate => AccountRate > 0 ? Math.Round(MeasuredRate / AccountRate, 3) : null;

    /// <summary>Measured ÷ predicted (the goal: within 10 % of 1); null without a prediction.</summary>
    public double? MeasuredToPredicted => PredictedRate is > 0 and var predicted ? Math.Round(MeasuredRate / predicted, 3) : null;
}
