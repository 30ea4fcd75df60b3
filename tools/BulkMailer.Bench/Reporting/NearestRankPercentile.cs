namespace BulkMailer.Bench.Reporting;

/// <summary>The bench's percentile: the nearest-rank method, the value of rank ⌈p·n⌉ of the n sorted values (0 when none).</summary>
public static class NearestRankPercentile
{
    /// <param name="sorted">The values in ascending order.</param>
    /// <param name="p">The percentile as a fraction (0.95 for p95).</param>
    public static double Of(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
