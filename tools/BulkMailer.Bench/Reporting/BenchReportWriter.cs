using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkMailer.Bench.Running;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Reporting;
using Spectre.Console;

namespace BulkMailer.Bench.Reporting;

/// <summary>
/// Shows a <see cref="BenchReport"/>: a console table, and <c>bench.md</c>, <c>bench.json</c> and <c>bench.png</c>
/// (every variant's database connections over time, the server's limit drawn in). Ratios are against the design
/// variant measured in the same run.
/// </summary>
public static class BenchReportWriter
{
    public const string MarkdownFileName = "bench.md";
    public const string JsonFileName = "bench.json";
    public const string ChartFileName = "bench.png";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Print(BenchReport report, IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = BenchTables.Transposed($"bench: {report.Options.Jobs} jobs per variant, concurrency {report.Options.Concurrency}, max_connections {report.Options.MaxConnections}", Rows(report));
        (console ?? AnsiConsole.Console).Write(table);
    }

    public static async Task WriteAsync(BenchReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFileName), ToMarkdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFileName), JsonSerializer.Serialize(report, Json), cancellationToken).ConfigureAwait(false);
        ConnectionChart.Write(Path.Combine(directory, ChartFileName), "Database connections per variant",
            [.. report.Results.Select(r => new ConnectionChart.Series(r.Variant, [.. r.Samples.Select(s => s.Elapsed.TotalSeconds)], [.. r.Samples.Select(s => (double)s.Total)], r.Variant == "design" ? 2.5f : 1.5f))],
            report.ConnectionLimit, "limit (max_connections − reserved)", 900, 450);
    }

    public static string ToMarkdown(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = Rows(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark: {report.Options.Jobs} jobs per variant");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sender concurrency {report.Options.Concurrency}, batch size {report.Options.BatchSize}, PostgreSQL max_connections {report.Options.MaxConnections} ({report.ConnectionLimit} for clients), visibility timeout {report.Options.VisibilityTimeout.TotalSeconds:0} s, {report.ProcessorCount} cores, started {report.StartedAt:u}. Ratios are against `design` in the same run. Goodput counts only jobs that ended in a correct final state (not dead-lettered, not duplicated, not pending) over the variant's whole duration; \"jobs/s settled incl. DLQ\" counts dead-lettered jobs as done.");
        text.AppendLine();
        BenchTables.AppendMarkdown(text, rows);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![connections per variant]({ChartFileName})");
        return text.ToString();
    }

    private static List<string[]> Rows(BenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var design = report.Results.FirstOrDefault(r => r.Variant == "design");
        string Ratio(double value, double? baseline) => baseline is > 0 ? (value / baseline.Value).ToString("0.00", c) + "×" : "–";
        string[] header =
        [
            "variant", "goodput jobs/s", "goodput × design", "jobs/s settled incl. DLQ", "SES accepted/s while sending", "good", "final", "DLQ", "pending", "duplicated", "peak conn", "peak × design", "mean conn", "too-many-clients errors", "failed invocations", "round trips/job", "round trips × design", "p50 batch ms", "p95 batch ms", "timed out",
                .. CpuProcessGroups.All.Select(g => $"CPU ms/job {g}"), "busiest group (share of machine)",
        ];
        var rows = new List<string[]> { header };
        foreach (var r in report.Results)
        {
            rows.Add(
            [
                r.Variant,
                r.GoodputPerSecond.ToString("0.0", c), Ratio(r.GoodputPerSecond, design?.GoodputPerSecond),
                r.SettledPerSecond.ToString("0.0", c), r.SentPerSecond.ToString("0.0", c),
                r.Good.ToString(c), r.Completed.ToString(c), r.InDlq.ToString(c), r.Pending.ToString(c), r.Duplicated.ToString(c),
                r.PeakConnections.ToString(c), Ratio(r.PeakConnections, design?.PeakConnections),
                r.MeanConnections.ToString("0.0", c),
                r.ConnectionErrors.ToString(c), r.FailedInvocations.ToString(c),
                r.RoundTripsPerJob.ToString("0.00", c), Ratio(r.RoundTripsPerJob, design?.RoundTripsPerJob),
                r.P50BatchMs.ToString("0", c), r.P95BatchMs.ToString("0", c),
                r.TimedOut ? "yes" : "no",
                .. CpuProcessGroups.All.Select(g => r.Cpu?.MillisecondsPerJobByGroup.TryGetValue(g, out var ms) == true ? ms.ToString("0.00", c) : "–"),
                r.Cpu?.Busiest is { } busiest ? string.Create(c, $"{busiest} ({r.Cpu.ShareOfMachineByGroup[busiest]:P0})") : "–",
            ]);
        }
        return rows;
    }
}
