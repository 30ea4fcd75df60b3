using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace BulkMailer.LocalLambda.Reporting;

/// <summary>
/// Shows a <see cref="RunReport"/>: a table on the console, and <c>report.md</c>, <c>report.json</c> and
/// <c>connections.png</c> (database connections over time against the budget line) in a directory.
/// </summary>
public static class RunReportWriter
{
    public const string MarkdownFileName = "report.md";
    public const string JsonFileName = "report.json";
    public const string ChartFileName = "connections.png";
    public const int ChartWidth = 900;
    public const int ChartHeight = 450;

    /// <summary>The image's height when the jobs panel is drawn under the connections.</summary>
    public const int ChartWithJobsHeight = 800;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        // Reports are read by people in editors, where "\u002B" is noise; the content is ours, not user HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Prints the report as a table (to <paramref name="console"/>, default the process's console).</summary>
    public static void Print(RunReport report, IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table().Title("[bold]local run[/]").AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (metric, value) in Rows(report))
        {
            table.AddRow(Markup.Escape(metric), Markup.Escape(value));
        }
        var verdict = report.WithinBudget
            ? $"[green]peak {report.PeakConnections} ≤ budget {report.ConnectionBudget}[/]"
            : $"[red]peak {report.PeakConnections} > budget {report.ConnectionBudget}[/]";
        table.Caption(verdict);
        (console ?? AnsiConsole.Console).Write(table);
    }

    /// <summary>Writes report.md, report.json and connections.png into <paramref name="directory"/> (created if missing).</summary>
    public static async Task<RunReportFiles> WriteAsync(RunReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        var files = new RunReportFiles(
            Path.Combine(directory, MarkdownFileName),
            Path.Combine(directory, JsonFileName),
            Path.Combine(directory, ChartFileName));
        await File.WriteAllTextAsync(files.Markdown, ToMarkdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(files.Json, ToJson(report), cancellationToken).ConfigureAwait(false);
        WriteChart(report, files.Chart);
        return files;
    }

    /// <summary>The report as indented camelCase JSON.</summary>
    public static string ToJson(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, JsonOptions);
    }

    /// <summary>The report as a markdown table followed by the chart.</summary>
    public static string ToMarkdown(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var markdown = new StringBuilder();
        markdown.AppendLine("# local run report").AppendLine();
        markdown.AppendLine("| metric | value |").AppendLine("|---|---:|");
        foreach (var (metric, value) in Rows(report))
        {
            markdown.Append("| ").Append(metric.Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                .Append(value.Replace("|", "\\|", StringComparison.Ordinal)).AppendLine(" |");
        }
        markdown.AppendLine();
        markdown.AppendLine(report.WithinBudget
            ? $"Peak database connections {report.PeakConnections} stayed within the budget of {report.ConnectionBudget}."
            : $"Peak database connections {report.PeakConnections} exceeded the budget of {report.ConnectionBudget}.");
        markdown.AppendLine();
        markdown.Append("![database connections over time](").Append(ChartFileName).AppendLine(")");
        return markdown.ToString();
    }

    /// <summary>
    /// A line chart of client connections over time (total and one line per application name) with the budget as a
    /// labelled horizontal line, <see cref="ChartWidth"/>×<see cref="ChartHeight"/> PNG.
    /// </summary>
    public static void WriteChart(RunReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = report.ConnectionSamples;
        var seconds = samples.Select(s => s.Elapsed.TotalSeconds).ToArray();
        var series = new List<ConnectionChart.Series>();
        if (samples.Count > 0)
        {
            series.Add(new("total", seconds, [.. samples.Select(s => (double)s.Total)], 2.5f));
            foreach (var application in samples.SelectMany(s => s.ByApplication.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                series.Add(new(application.Length > 0 ? application : "(no application name)", seconds,
                    [.. samples.Select(s => s.ByApplication.TryGetValue(application, out var n) ? n : 0d)]));
            }
        }
        var jobs = JobsPanelSeries.From(report.ProgressSamples);
        if (jobs.Count == 0)
        {
            ConnectionChart.Write(path, "Database connections over time", series, report.ConnectionBudget,
                "budget (sender + feedback concurrency)", ChartWidth, ChartHeight);
            return;
        }
        ConnectionChart.WriteWithJobs(path, "Database connections over time", series, report.ConnectionBudget,
            "budget (sender + feedback concurrency)", jobs, ChartWidth, ChartWithJobsHeight);
    }

    /// <summary>The metrics, in display order; shared by the console table and the markdown.</summary>
    private static List<(string Metric, string Value)> Rows(RunReport report)
    {
        var rows = new List<(string, string)> { ("jobs", Number(report.TotalJobs)) };
        foreach (var (status, count) in report.JobsByStatus.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            rows.Add(($"jobs {status}", Number(count)));
        }
        rows.Add(("duration (s)", report.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)));
        rows.Add(("sent per second", report.SentPerSecond.ToString("0.0", CultureInfo.InvariantCulture)));
        rows.Add(("sending time (s), first to last SES acceptance", Seconds(report.SendingSeconds)));
        rows.Add(("settle time (s), start to every job settled", Seconds(report.SettleSeconds)));
        rows.Add(("settle ÷ sending", report.SettleToSendingRatio is { } ratio ? ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–"));
        rows.Add(("peak DB connections", Number(report.PeakConnections)));
        rows.Add(("mean DB connections", report.MeanConnections.ToString("0.0", CultureInfo.InvariantCulture)));
        rows.Add(("connection budget", Number(report.ConnectionBudget)));
        foreach (var (name, stats) in report.Functions.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            rows.Add(($"{name} concurrency", Number(stats.Concurrency)));
            rows.Add(($"{name} invocations", Number(stats.Invocations)));
            rows.Add(($"{name} environments started", Number(stats.EnvironmentsStarted)));
        }
        foreach (var (queue, depth) in report.DlqDepths.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            rows.Add(($"DLQ {queue}", Number(depth)));
        }
        foreach (var (kind, count) in report.FeedbackEventsPublished.Where(e => e.Value > 0).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            rows.Add(($"feedback {kind} published", Number(count)));
        }
        foreach (var (function, ms) in report.FunctionCpuMilliseconds.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            rows.Add(($"CPU s {function} function", (ms / 1000).ToString("0.0", CultureInfo.InvariantCulture)));
        }
        if (report.Cpu is { } cpu)
        {
            foreach (var (group, ms) in cpu.MillisecondsByGroup.OrderByDescending(e => e.Value))
            {
                rows.Add(($"CPU s {group} (share of machine)", string.Create(CultureInfo.InvariantCulture, $"{ms / 1000:0.0} ({cpu.ShareOfMachineByGroup[group]:P0})")));
            }
        }
        if (report.AccountRate is { } account)
        {
            rows.AddRange(AccountRateRows(account));
        }
        return rows;
    }

    private static string Seconds(double? value) => value is { } seconds ? seconds.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    /// <summary>The lines of a run against the SES account front.</summary>
    private static IEnumerable<(string Metric, string Value)> AccountRateRows(AccountRateReport a)
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("SES account rate (mails/s)", a.AccountRate > 0 ? a.AccountRate.ToString("0.##", c) : "none");
        yield return ("SES latency per call (ms)", a.SesLatencyMs.ToString("0.##", c));
        yield return ("SES send calls", Number(a.SendCalls));
        yield return ("SES throttled calls", Number(a.ThrottledCalls));
        yield return ("SES accepted mails", Number(a.AcceptedMails));
        yield return ("mails/s achieved", a.MeasuredRate.ToString("0.0", c));
        yield return ("achieved ÷ account rate", a.MeasuredToAccountRate?.ToString("0.00", c) ?? "–");
        yield return ("mails/s predicted (budget model)", a.PredictedRate?.ToString("0.0", c) ?? "–");
        yield return ("achieved ÷ predicted", a.MeasuredToPredicted?.ToString("0.00", c) ?? "–");
        yield return ("sender invocation p50 (ms)", a.SenderInvocationP50Ms.ToString("0", c));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
