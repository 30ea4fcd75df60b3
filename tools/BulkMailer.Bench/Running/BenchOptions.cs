namespace BulkMailer.Bench.Running;

/// <summary>The knobs of <c>bulkmailer bench</c>, with their defaults.</summary>
public sealed record BenchOptions
{
    /// <summary>Jobs per variant (default 20 000; every variant gets the same set).</summary>
    public int Jobs { get; init; } = 20_000;

    /// <summary>Sender reserved (= maximum) concurrency for every variant (default 10).</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>PostgreSQL max_connections, low enough to matter (default 40).</summary>
    public int MaxConnections { get; init; } = 40;

    public int BatchSize { get; init; } = 10;

    /// <summary>A variant that has not settled by then is stopped and reported as it stands (default 180 s).</summary>
    public TimeSpan VariantTimeout { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Queue visibility timeout: how soon a failed batch comes back (default 10 s; short so retries fit the run).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Receives before a message goes to the DLQ (default 5, as deployed).</summary>
    public int MaxReceiveCount { get; init; } = 5;

    public IReadOnlyList<string> Variants { get; init; } = BulkMailer.Bench.Variants.BenchVariant.All;

    /// <summary>Where bench.md, bench.json and bench.png go (default bench-out).</summary>
    public string ReportDirectory { get; init; } = "bench-out";

    /// <summary>
    /// Publish the bench sender Native AOT, as the functions are deployed (default); false publishes it
    /// framework-dependent (JIT), quicker to build for a quick run. Published once per run, reused by every variant.
    /// </summary>
    public bool NativeAot { get; init; } = true;

    /// <summary>Prebuilt bench sender (bulkmailer-bench-sender.dll), skipping the publish step.</summary>
    public string? SenderExecutable { get; init; }
}
