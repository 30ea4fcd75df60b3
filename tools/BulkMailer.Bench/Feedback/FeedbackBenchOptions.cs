using BulkMailer.LocalServers;

namespace BulkMailer.Bench.Feedback;

/// <summary>The knobs of <c>bulkmailer bench --scenario feedback</c>, with their defaults.</summary>
public sealed record FeedbackBenchOptions
{
    /// <summary>SES events per batch size (default 20 000), in the mix of <see cref="FeedbackEventMix"/>.</summary>
    public int Events { get; init; } = 20_000;

    /// <summary>Batch sizes of the event source mapping, one run each (default 10, 100, 1 000).</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [10, 100, 1_000];

    /// <summary>
    /// Only the ingest statement on one connection (<see cref="FeedbackStoreOnly"/>): no function is published and
    /// only PostgreSQL is started (default false: end to end and store only, side by side).
    /// </summary>
    public bool StoreOnly { get; init; }

    /// <summary>
    /// The batching window for batch sizes above 10 (default 1 s): Lambda requires one for them, and with the queue
    /// preloaded a batch fills long before it ends.
    /// </summary>
    public TimeSpan BatchingWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A batch size that has not ingested every event by then is reported as it stands (default 300 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Publish the feedback function Native AOT, as deployed (default); false: framework-dependent (JIT).</summary>
    public bool NativeAot { get; init; } = true;

    /// <summary>Prebuilt feedback bootstrap, skipping the publish step.</summary>
    public string? FeedbackExecutable { get; init; }

    /// <summary>A stack the caller started and keeps (tests); null starts one and stops it.</summary>
    public LocalServerSet? Stack { get; init; }

    /// <summary>Where bench.md and bench.json go (default bench-out).</summary>
    public string ReportDirectory { get; init; } = "bench-out";

    /// <summary>The problems with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Events < 1)
        {
            problems.Add("--events must be at least 1");
        }
        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b is < 1 or > 10_000))
        {
            problems.Add("batch sizes must be between 1 and 10 000 (Lambda's SQS maximum)");
        }
        return problems;
    }
}
