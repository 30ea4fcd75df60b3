namespace BulkMailer.Lambda.Observability;

/// <summary>
/// The sender's metrics that something outside the sender reads (the CDK app's dashboard, the account-rate bench),
/// named once so that writer and readers cannot drift apart; docs/operators.md lists every sender metric.
/// </summary>
public static class SenderMetricNames
{
    /// <summary>
    /// Per sent job of a governed invocation, in milliseconds: the time from the claim's answer to the send slot the
    /// send governor gave the job (its permit wait). Written as an EMF array (one sample per job; at most 100 per line,
    /// see <see cref="EmfSampleReduction"/>), so CloudWatch's p50 and p95 are over jobs, not invocations.
    /// </summary>
    public const string SendPermitWait = "SendPermitWait";
}
