namespace BulkMailer.Bench.Running;

/// <summary>One benchmark run: the settings and every variant's result, measured side by side.</summary>
public sealed record BenchReport
{
    public required BenchOptions Options { get; init; }

    /// <summary>max_connections minus the reserved superuser slots: what clients can actually open.</summary>
    public required int ConnectionLimit { get; init; }

    public required IReadOnlyList<VariantResult> Results { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int ProcessorCount { get; init; }
}
