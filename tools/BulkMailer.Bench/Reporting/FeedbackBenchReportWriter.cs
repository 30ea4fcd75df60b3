using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkMailer.Bench.Feedback;
using Spectre.Console;

namespace BulkMailer.Bench.Reporting;

/// <summary>
/// Shows a <see cref="FeedbackBenchReport"/>: a console table, and its own section in <c>bench.md</c> and
/// <c>bench.json</c> (the file names of <see cref="BenchReportWriter"/>), one row per batch size and mode.
/// </summary>
public static class FeedbackBenchReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Print(FeedbackBenchReport report, IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = BenchTables.Transposed($"bench --scenario feedback: {report.Options.Events} SES events per batch size, one connection", Rows(report), keyColumns: 2);
        (console ?? AnsiConsole.Console).Write(table);
    }

    public static async Task WriteAsync(FeedbackBenchReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, BenchReportWriter.MarkdownFileName), ToMarkdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, BenchReportWriter.JsonFileName), JsonSerializer.Serialize(new { feedback = report }, Json), cancellationToken).ConfigureAwait(false);
    }

    public static string ToMarkdown(FeedbackBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("# Benchmark: feedback ingest");
        text.AppendLine();
        text.AppendLine(c, $"{report.Options.Events} SES events per batch size (per 20 jobs: 20 Send, 18 Delivery, 2 Bounce, 1 Complaint, 6 Open, 2 Click), about jobs seeded in `mail_message` first; one connection; {report.ProcessorCount} cores; {(report.Options.StoreOnly ? "store only (no function)" : report.Options.NativeAot ? "Native AOT feedback function" : "JIT feedback function")}; started {report.StartedAt:u}.");
        text.AppendLine();
        text.AppendLine("- **end to end**: the events SNS-enveloped on the feedback queue (fauxqs), the real feedback function under the local Lambda service, one environment; round trips per batch are the function's own `DbRoundTrips` metric; \"busy\" is the time inside the function's batches.");
        text.AppendLine("- **store only**: the `ingest-feedback` statement through the feedback store with batches of parsed events, one connection, no queue; \"busy\" is the time inside the statement.");
        text.AppendLine(c, $"- goodput = events ingested exactly once and matched to their job ÷ the whole duration (events/s per connection). Goal: ≥ {report.GoalEventsPerSecond} events/s per connection at batch 1 000.");
        text.AppendLine();
        BenchTables.AppendMarkdown(text, Rows(report));
        return text.ToString();
    }

    private static List<string[]> Rows(FeedbackBenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<string[]>
        {
            new[] { "mode", "batch size", "window s", "goodput events/s", "events/s busy", "events", "rows", "matched", "exactly once", "redelivered", "batches", "mean batch", "round trips/batch", "max round trips/batch", "peak conn", "duration s", "timed out" },
        };
        foreach (var r in report.Results)
        {
            rows.Add(
            [
                r.Mode, r.BatchSize.ToString(c), r.BatchingWindowSeconds.ToString("0.#", c),
                r.GoodputPerSecond.ToString("0", c), r.EventsPerBusySecond.ToString("0", c),
                r.Events.ToString(c), r.Rows.ToString(c), r.Matched.ToString(c), r.ExactlyOnce ? "yes" : "no", r.Redelivered.ToString(c),
                r.Batches.ToString(c), r.MeanBatchEvents.ToString("0.0", c), r.RoundTripsPerBatch.ToString("0.00", c), r.MaxRoundTripsPerBatch.ToString(c),
                r.PeakConnections.ToString(c), r.DurationSeconds.ToString("0.00", c), r.TimedOut ? "yes" : "no",
            ]);
        }
        return rows;
    }
}
