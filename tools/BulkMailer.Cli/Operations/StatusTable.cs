using System.Globalization;
using BulkMailer.Core.Jobs;
using BulkMailer.Data.Operations;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace BulkMailer.Cli.Operations;

/// <summary>The table <c>bulkmailer status</c> prints (and refreshes with --watch): one row per campaign.</summary>
internal static class StatusTable
{
    public static IRenderable Render(IReadOnlyList<CampaignStatus> campaigns, DateTime readAt)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(string.Create(c, $"campaigns at {readAt:yyyy-MM-dd HH:mm:ss}Z"))
            .AddColumn("campaign").AddColumn("state").AddColumn(new TableColumn("total").RightAligned())
            .AddColumn("by status").AddColumn(new TableColumn("sent/s (5 min)").RightAligned())
            .AddColumn(new TableColumn("bounce").RightAligned()).AddColumn(new TableColumn("complaint").RightAligned())
            .AddColumn(new TableColumn("in flight").RightAligned()).AddColumn("oldest expired lease");
        foreach (var s in campaigns)
        {
            table.AddRow(
                Markup.Escape(s.CampaignId ?? "(none)"),
                s.State,
                s.Total.ToString(c),
                Markup.Escape(string.Join(" ", MailStatus.All.Where(s.ByStatus.ContainsKey).Select(x => string.Create(c, $"{x}={s.ByStatus[x]}")))),
                s.SendRatePerSecond.ToString("0.##", c),
                Rate(s.BounceRate, s.BounceRateAtThreshold, SesReviewThresholds.BounceRate),
                Rate(s.ComplaintRate, s.ComplaintRateAtThreshold, SesReviewThresholds.ComplaintRate),
                s.InFlight.ToString(c),
                s.OldestExpiredLease is { } lease
                    ? Markup.Escape(string.Create(c, $"{s.OldestExpiredJobId} ({Age(readAt - lease)} ago; {s.ExpiredLeases} without a live lease)"))
                    : "-");
        }
        return table;
    }

    /// <summary>The rate in percent; red with the threshold named once SES's review threshold is reached.</summary>
    private static string Rate(double rate, bool atThreshold, double threshold) =>
        atThreshold
            ? string.Create(CultureInfo.InvariantCulture, $"[red]{rate:0.###%} ≥ {threshold:0.#%}[/]")
            : rate.ToString("0.###%", CultureInfo.InvariantCulture);

    private static string Age(TimeSpan age) =>
        age.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h{age.Minutes:00}m")
        : age.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes}m{age.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)}s");
}
