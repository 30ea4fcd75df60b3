using System.Buffers.Binary;
using System.Text.Json;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Reporting;
using Spectre.Console;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>A known report renders to the expected JSON, markdown, console table and chart.</summary>
public sealed class RunReportWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"bulkmailer-report-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static RunReport Report(int peak = 5) => new()
    {
        JobsByStatus = new Dictionary<string, long> { ["delivered"] = 70, ["bounced"] = 10, ["complained"] = 5, ["rejected"] = 15 },
        SentPerSecond = 42.5,
        Duration = TimeSpan.FromSeconds(2),
        PeakConnections = peak,
        MeanConnections = 3.4,
        Functions = new Dictionary<string, FunctionRunStats>
        {
            ["sender"] = new(Concurrency: 4, Invocations: 25, EnvironmentsStarted: 4),
            ["feedback"] = new(Concurrency: 2, Invocations: 30, EnvironmentsStarted: 2),
        },
        DlqDepths = new Dictionary<string, long> { ["mail-jobs-dlq"] = 0, ["feedback-dlq"] = 0 },
        FeedbackEventsPublished = new Dictionary<string, long> { ["Send"] = 85, ["Delivery"] = 75 },
        ConnectionSamples =
        [
            new(TimeSpan.Zero, 1, new Dictionary<string, int> { ["test-observer"] = 1 }),
            new(TimeSpan.FromSeconds(0.5), 4, new Dictionary<string, int> { ["sender"] = 3, ["test-observer"] = 1 }),
            new(TimeSpan.FromSeconds(1), peak, new Dictionary<string, int> { ["sender"] = 4, ["feedback"] = peak - 4 }),
            new(TimeSpan.FromSeconds(2), 2, new Dictionary<string, int> { ["feedback"] = 2 }),
        ],
        SendingSeconds = 1.2,
        SettleSeconds = 1.8,
    };

    [Fact]
    public void The_json_is_camel_case_with_totals_budget_and_seconds()
    {
        using var json = JsonDocument.Parse(RunReportWriter.ToJson(Report()));
        var root = json.RootElement;

        Assert.Equal(100, root.GetProperty("totalJobs").GetInt64());
        Assert.Equal(70, root.GetProperty("jobsByStatus").GetProperty("delivered").GetInt64());
        Assert.Equal(42.5, root.GetProperty("sentPerSecond").GetDouble());
        Assert.Equal(2.0, root.GetProperty("durationSeconds").GetDouble());
        Assert.False(root.TryGetProperty("duration", out _));
        Assert.Equal(5, root.GetProperty("peakConnections").GetInt32());
        Assert.Equal(3.4, root.GetProperty("meanConnections").GetDouble());
        Assert.Equal(6, root.GetProperty("connectionBudget").GetInt32());
        Assert.True(root.GetProperty("withinBudget").GetBoolean());
        var sender = root.GetProperty("functions").GetProperty("sender");
        Assert.Equal((4, 25, 4), (sender.GetProperty("concurrency").GetInt32(), sender.GetProperty("invocations").GetInt64(), sender.GetProperty("environmentsStarted").GetInt64()));
        Assert.Equal(0, root.GetProperty("dlqDepths").GetProperty("mail-jobs-dlq").GetInt64());
        Assert.Equal(85, root.GetProperty("feedbackEventsPublished").GetProperty("Send").GetInt64());
        var sample = root.GetProperty("connectionSamples")[1];
        Assert.Equal(0.5, sample.GetProperty("seconds").GetDouble());
        Assert.Equal(4, sample.GetProperty("total").GetInt32());
        Assert.Equal(3, sample.GetProperty("byApplication").GetProperty("sender").GetInt32());
    }

    [Fact]
    public void The_json_is_indented()
    {
        var json = RunReportWriter.ToJson(Report());

        Assert.StartsWith("{" + Environment.NewLine + "  \"jobsByStatus\": {", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_is_a_table_of_every_number_with_the_verdict_and_the_chart()
    {
        var markdown = RunReportWriter.ToMarkdown(Report());

        Assert.Contains("| metric | value |", markdown, StringComparison.Ordinal);
        foreach (var row in (string[])
        [
            "| jobs | 100 |", "| jobs bounced | 10 |", "| jobs complained | 5 |", "| jobs delivered | 70 |", "| jobs rejected | 15 |",
            "| duration (s) | 2.0 |", "| sent per second | 42.5 |", "| peak DB connections | 5 |", "| mean DB connections | 3.4 |",
            "| connection budget | 6 |", "| sender concurrency | 4 |", "| sender invocations | 25 |", "| sender environments started | 4 |",
            "| feedback invocations | 30 |", "| DLQ mail-jobs-dlq | 0 |", "| feedback Send published | 85 |",
            "| sending time (s), first to last SES acceptance | 1.2 |", "| settle time (s), start to every job settled | 1.8 |", "| settle ÷ sending | 1.50× |",
        ])
        {
            Assert.Contains(row, markdown, StringComparison.Ordinal);
        }
        Assert.Contains("Peak database connections 5 stayed within the budget of 6.", markdown, StringComparison.Ordinal);
        Assert.EndsWith("![database connections over time](connections.png)" + Environment.NewLine, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_peak_over_the_budget_is_called_out()
    {
        var report = Report(peak: 9);

        Assert.False(report.WithinBudget);
        Assert.Contains("Peak database connections 9 exceeded the budget of 6.", RunReportWriter.ToMarkdown(report), StringComparison.Ordinal);
    }

    [Fact]
    public void The_console_table_shows_the_numbers_and_the_budget_verdict()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });

        RunReportWriter.Print(Report(), console);

        Assert.Contains("peak DB connections", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("peak 5 ≤ budget 6", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_creates_the_markdown_the_json_and_a_900_by_450_png()
    {
        var files = await RunReportWriter.WriteAsync(Report(), _directory);

        Assert.Equal(RunReportWriter.ToMarkdown(Report()), await File.ReadAllTextAsync(files.Markdown));
        Assert.Equal(RunReportWriter.ToJson(Report()), await File.ReadAllTextAsync(files.Json));
        Assert.Equal((900, 450), PngSize(await File.ReadAllBytesAsync(files.Chart)));
        Assert.Equal(Path.Combine(_directory, "connections.png"), files.Chart);
    }

    [Fact]
    public async Task A_report_without_samples_still_gets_a_chart_with_its_budget_line()
    {
        var files = await RunReportWriter.WriteAsync(Report() with { ConnectionSamples = [] }, _directory);

        Assert.Equal((900, 450), PngSize(await File.ReadAllBytesAsync(files.Chart)));
    }

    /// <summary>Width and height from the PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 1000, $"PNG is only {png.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
