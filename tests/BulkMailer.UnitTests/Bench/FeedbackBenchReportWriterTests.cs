using BulkMailer.Bench.Feedback;
using BulkMailer.Bench.Reporting;
using Spectre.Console;

namespace BulkMailer.UnitTests.Bench;

public sealed class FeedbackBenchReportWriterTests
{
    private static FeedbackBenchReport Report()
    {
        var batches = Enumerable.Repeat(new FeedbackBatchSample(1_000, 1_000, 1, 100), 20).ToList();
        var account = new FeedbackIngestAccount { Events = 20_000, Rows = 20_000, DistinctKeys = 20_000, Matched = 20_000, Duration = TimeSpan.FromSeconds(4), Batches = batches };
        return new FeedbackBenchReport
        {
            Options = new FeedbackBenchOptionsSummary(20_000, [1_000], 1, NativeAot: true, StoreOnly: false),
            Results =
            [
                FeedbackScenarioResult.From(FeedbackEndToEnd.Mode, 1_000, account, peakConnections: 1, timedOut: false, batchingWindowSeconds: 1),
                FeedbackScenarioResult.From(FeedbackStoreOnly.Mode, 1_000, account with { Duration = TimeSpan.FromSeconds(2) }, peakConnections: 1, timedOut: false),
            ],
            StartedAt = new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.Zero),
            ProcessorCount = 2,
        };
    }

    [Fact]
    public void The_markdown_has_one_row_per_mode_and_batch_size_with_goodput_and_round_trips()
    {
        var markdown = FeedbackBenchReportWriter.ToMarkdown(Report());

        Assert.Contains("| mode | batch size | window s | goodput events/s | events/s busy |", markdown, StringComparison.Ordinal);
        Assert.Contains("| end to end | 1000 | 1 | 5000 | 10000 | 20000 | 20000 | 20000 | yes | 0 | 20 | 1000.0 | 1.00 | 1 | 1 | 4.00 | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| store only | 1000 | 0 | 10000 | 10000 | 20000 | 20000 | 20000 | yes | 0 | 20 | 1000.0 | 1.00 | 1 | 1 | 2.00 | no |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_table_has_one_column_per_run()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;

        FeedbackBenchReportWriter.Print(Report(), console);

        Assert.Contains("end to end 1000", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("store only 1000", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("round trips/batch", output.ToString(), StringComparison.Ordinal);
    }
}
