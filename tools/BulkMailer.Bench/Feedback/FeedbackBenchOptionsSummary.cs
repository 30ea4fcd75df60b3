namespace BulkMailer.Bench.Feedback;

/// <summary>The settings of a feedback bench as written to bench.json (no stack, no paths).</summary>
public sealed record FeedbackBenchOptionsSummary(int Events, IReadOnlyList<int> BatchSizes, double BatchingWindowSeconds, bool NativeAot, bool StoreOnly)
{
    public static FeedbackBenchOptionsSummary Of(FeedbackBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.Events, options.BatchSizes, options.BatchingWindow.TotalSeconds, options.NativeAot, options.StoreOnly);
    }
}
