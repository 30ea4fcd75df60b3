using BulkMailer.Bench.Reporting;
using BulkMailer.Bench.Running;

namespace BulkMailer.UnitTests.Bench;

/// <summary>The bench table leads with goodput, and its ×design ratio is a goodput ratio.</summary>
public sealed class BenchReportWriterTests
{
    private static VariantResult Result(string variant, long good, long inDlq, double goodput, double settled) => new()
    {
        Variant = variant,
        Jobs = 5000,
        Completed = good,
        InDlq = inDlq,
        Pending = 0,
        Duplicated = 0,
        Good = good,
        GoodputPerSecond = goodput,
        SettledPerSecond = settled,
        SentPerSecond = 300,
        PeakConnections = 10,
        MeanConnections = 9,
        ConnectionErrors = 0,
        FailedInvocations = 0,
        RoundTripsPerJob = 0.2,
        P50BatchMs = 200,
        P95BatchMs = 700,
        DurationSeconds = 20,
        TimedOut = false,
    };

    private static BenchReport Report() => new()
    {
        Options = new BenchOptions { Jobs = 5000 },
        ConnectionLimit = 37,
        StartedAt = DateTimeOffset.Parse("2026-12-02T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        ProcessorCount = 2,
        Results =
        [
            Result("design", good: 5000, inDlq: 0, goodput: 200, settled: 200),
            Result("connection-per-invocation", good: 350, inDlq: 4650, goodput: 10, settled: 250),
        ],
    };

    [Fact]
    public void The_headline_column_is_goodput_and_the_settled_rate_follows_it()
    {
        var header = ToMarkdownLines(Report()).First(l => l.StartsWith("| variant", StringComparison.Ordinal));

        Assert.StartsWith("| variant | goodput jobs/s | goodput × design | jobs/s settled incl. DLQ |", header, StringComparison.Ordinal);
    }

    [Fact]
    public void A_variant_that_dead_letters_quickly_shows_a_small_ratio_against_the_design()
    {
        var row = ToMarkdownLines(Report()).First(l => l.StartsWith("| connection-per-invocation", StringComparison.Ordinal));

        Assert.StartsWith("| connection-per-invocation | 10.0 | 0.05× | 250.0 |", row, StringComparison.Ordinal);
    }

    private static string[] ToMarkdownLines(BenchReport report) => BenchReportWriter.ToMarkdown(report).Split('\n');
}
