namespace BulkMailer.Lambda.Observability;

/// <summary>
/// EMF takes at most <see cref="MaxValues"/> values per metric and line. A larger set is reduced to that many values
/// taken at evenly spaced ranks of the sorted set (the smallest and the largest always among them), so each value
/// stands for an equal share of the set and the percentiles CloudWatch computes from them stay those of the whole
/// set to within one rank step (1/99 of the set). Rounding and de-duplicating would not do: equal values would then
/// count once, and the percentiles would move towards the rare values.
/// </summary>
public static class EmfSampleReduction
{
    /// <summary>CloudWatch's limit of values in one metric's array.</summary>
    public const int MaxValues = 100;

    /// <summary>
    /// <paramref name="values"/> sorted when there are at most <paramref name="max"/>; otherwise the values of rank
    /// round(k (n − 1) / (max − 1)) for k = 0 … max − 1 of the n sorted values.
    /// </summary>
    public static IReadOnlyList<double> EvenlySpacedRanks(IEnumerable<double> values, int max = MaxValues)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var sorted = values.Order().ToArray();
        if (sorted.Length <= max)
        {
            return sorted;
        }
        var step = (sorted.Length - 1) / (double)(max - 1);
        return [.. Enumerable.Range(0, max).Select(k => sorted[(int)Math.Round(k * step, MidpointRounding.AwayFromZero)])];
    }
}
