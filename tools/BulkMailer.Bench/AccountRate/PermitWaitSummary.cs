using BulkMailer.Bench.Reporting;

namespace BulkMailer.Bench.AccountRate;

/// <summary>
/// The sent jobs' waits for a send permit over one run (milliseconds from the claim's answer to the job's send slot,
/// the sender's <c>SendPermitWait</c> samples): how many, and their p50, p95 and maximum by the nearest-rank method;
/// the percentiles are null when the run wrote none (no governor, or nothing sent).
/// </summary>
public sealed record PermitWaitSummary(int Samples, double? P50Ms, double? P95Ms, double? MaxMs)
{
    public static PermitWaitSummary Of(IEnumerable<double> waits)
    {
        ArgumentNullException.ThrowIfNull(waits);
        var sorted = waits.Order().ToArray();
        return sorted.Length == 0
            ? new PermitWaitSummary(0, null, null, null)
            : new PermitWaitSummary(sorted.Length, NearestRankPercentile.Of(sorted, 0.50), NearestRankPercentile.Of(sorted, 0.95), sorted[^1]);
    }
}
