using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace BulkMailer.Bench.AccountRate;

/// <summary>
/// Shows an <see cref="AccountRateBenchReport"/>: a console table, and the "Account rate" table in <c>bench.md</c>
/// with every number in <c>bench.json</c>.
/// </summary>
public static class AccountRateWriter
{
    public const string MarkdownFileName = "bench.md";
    public const string JsonFileName = "bench.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Print(AccountRateBenchReport report, IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = Rows(report);
        var table = new Table().Title(Markup.Escape(Title(report)));
        foreach (var column in rows[0])
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }
        foreach (var row in rows.Skip(1))
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }
        (console ?? AnsiConsole.Console).Write(table);
    }

    public static async Task WriteAsync(AccountRateBenchReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFileName), ToMarkdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFileName), ToJson(report), cancellationToken).ConfigureAwait(false);
    }

    public static string ToJson(AccountRateBenchReport report) => JsonSerializer.Serialize(report, Json);

    public static string ToMarkdown(AccountRateBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var o = report.Options;
        var rows = Rows(report);
        var text = new StringBuilder();
        text.AppendLine(c, $"# Benchmark: {Title(report)}").AppendLine();
        text.AppendLine("## Account rate").AppendLine();
        text.AppendLine(c, $"One SES account front enforces {o.AccountRate:0.##} mails/s (SES's 429 \"Maximum sending rate exceeded.\") with {o.SesLatency.TotalMilliseconds:0} ms per send call for every sender environment; {o.JobsPerRun} SendEmail jobs per run, batch size {o.BatchSize}, visibility timeout {o.VisibilityTimeout.TotalSeconds:0} s, a run stops after {o.RunTimeout.TotalSeconds:0} s; {report.ProcessorCount} cores, started {report.StartedAt:u}. ");
        text.AppendLine(c, $"Modes: **governor** = `BULKMAILER_ACCOUNT_SEND_RATE={o.AccountRate:0.##}`, no per-environment cap; **static split** = `BULKMAILER_MAX_SEND_RATE` = rate ÷ {AccountRateMode.StaticSplitConcurrency} (the stack's old default max concurrency) per environment, no account rate; **no limit** = neither. ");
        text.AppendLine(c, $"Achieved = mails the front accepted ÷ the span from its first to its last acceptance; predicted = the send-rate model of `bulkmailer budget` ({report.ModelPerEnvironmentRate:0.#} mails/s per environment at these knobs), capped by the account rate; goodput = jobs that ended in a correct final state ÷ the run's whole duration; throttled = the front's count, \"seen\" = the senders' logged throttle answers. Permit wait = a sent job's wait from the claim's answer to the send slot the governor gave it (the sender's `SendPermitWait` EMF samples read back from the environments' logs, one per sent job), p50 / p95 / max by nearest rank over every sent job of the run; – without a governor.");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", rows[0]) + " |");
        text.AppendLine("|" + string.Concat(rows[0].Select(_ => "---:|")));
        foreach (var row in rows.Skip(1))
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        return text.ToString();
    }

    private static string Title(AccountRateBenchReport report) => string.Create(CultureInfo.InvariantCulture,
        $"account rate {report.Options.AccountRate:0.##} mails/s, sender concurrency {string.Join(", ", report.Options.Concurrencies)}");

    private static string Milliseconds(double? value) => value is { } ms ? ms.ToString("0", CultureInfo.InvariantCulture) : "–";

    private static List<string[]> Rows(AccountRateBenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var rows = new List<string[]>
        {
            new[]
            {
                "mode", "concurrency", "good", "DLQ", "pending", "duplicated", "throttled calls", "throttles seen", "achieved mails/s", "achieved ÷ rate",
                "predicted mails/s", "achieved ÷ predicted", "goodput jobs/s", "permit wait p50 ms", "permit wait p95 ms", "permit wait max ms",
                "peak conn", "jobs per connection", "duration s", "outcome",
            },
        };
        foreach (var r in report.Results)
        {
            rows.Add(
            [
                r.Mode, r.Concurrency.ToString(c), r.Good.ToString(c), r.InDlq.ToString(c), r.Pending.ToString(c), r.Duplicated.ToString(c),
                r.ThrottledCalls.ToString(c), r.ThrottlesSeenBySenders.ToString(c), r.AchievedRate.ToString("0.0", c), r.AchievedToAccountRate.ToString("0.00", c),
                r.PredictedRate.ToString("0.0", c), r.AchievedToPredicted.ToString("0.00", c), r.GoodputPerSecond.ToString("0.0", c),
                Milliseconds(r.PermitWaitP50Ms), Milliseconds(r.PermitWaitP95Ms), Milliseconds(r.PermitWaitMaxMs),
                r.PeakConnections.ToString(c), r.JobsPerConnection.ToString("0.0", c), r.DurationSeconds.ToString("0.0", c), r.Outcome.Replace("|", "/", StringComparison.Ordinal),
            ]);
        }
        return rows;
    }
}
