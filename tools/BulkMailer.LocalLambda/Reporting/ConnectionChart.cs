using System.Globalization;
using ScottPlot;

namespace BulkMailer.LocalLambda.Reporting;

/// <summary>
/// Draws database connections over time as step lines, one per series, with a dashed limit line (the budget, or
/// max_connections) labelled at its right end. Shared by the local-run report and the benchmark; the local run adds
/// a second panel under it, on the same time axis: jobs by state over time.
/// </summary>
public static class ConnectionChart
{
    // DejaVu ships with every machine of this kind; without it Skia falls back to its default typeface.
    private const string Font = "DejaVu Sans";

    /// <summary>One line of the chart.</summary>
    /// <param name="Seconds">Sample times.</param>
    /// <param name="Connections">Connections at those times.</param>
    public sealed record Series(string Label, double[] Seconds, double[] Connections, float Width = 1.5f);

    public static void Write(string path, string title, IReadOnlyList<Series> series, int limit, string limitLegend, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(series);
        using var plot = new Plot();
        DrawConnections(plot, title, series, limit, limitLegend, Right(series, []));
        plot.SavePng(path, width, height);
    }

    /// <summary>The connections panel over a jobs panel (<paramref name="jobs"/>), both on one time axis; <paramref name="height"/> is the whole image's.</summary>
    public static void WriteWithJobs(string path, string title, IReadOnlyList<Series> series, int limit, string limitLegend, IReadOnlyList<JobsPanelSeries> jobs, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(jobs);
        var right = Right(series, jobs);
        var multiplot = new Multiplot();
        // A new Multiplot already holds one plot: it becomes the top panel.
        var connections = multiplot.GetPlot(0);
        var jobsPlot = multiplot.AddPlot();
        DrawConnections(connections, title, series, limit, limitLegend, right);
        DrawJobs(jobsPlot, jobs, right);
        multiplot.SharedAxes.ShareX([connections, jobsPlot]);
        multiplot.SavePng(path, width, height);
    }

    private static void DrawConnections(Plot plot, string title, IReadOnlyList<Series> series, int limit, string limitLegend, double right)
    {
        foreach (var line in series.Where(s => s.Seconds.Length > 0))
        {
            var scatter = plot.Add.ScatterLine(line.Seconds, line.Connections);
            // Connection counts are integers that change at an instant: steps, not slopes between samples.
            scatter.ConnectStyle = ConnectStyle.StepHorizontal;
            scatter.LineWidth = line.Width;
            scatter.LegendText = line.Label;
        }
        var limitLine = plot.Add.HorizontalLine(limit);
        limitLine.LineWidth = 2;
        limitLine.LinePattern = LinePattern.Dashed;
        limitLine.Color = Colors.Black;
        limitLine.LegendText = limitLegend;

        var top = Math.Max(limit, series.SelectMany(s => s.Connections).DefaultIfEmpty(0).Max());
        // The label sits on the line at the right end, where the peaks are easiest to compare with it.
        var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"{limitLegend.Split(' ')[0]} {limit}"), right, limit);
        label.Alignment = Alignment.LowerRight;
        label.LabelFontColor = Colors.Black;
        label.LabelFontSize = 14;
        label.LabelBold = true;
        label.LabelFontName = Font;
        plot.Font.Set(Font);

        plot.Title(title);
        plot.XLabel("seconds");
        plot.YLabel("connections");
        // Connections are whole numbers: no 2.5 ticks.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(0, right, 0, Math.Max(1, top) * 1.2);
        plot.ShowLegend(Edge.Bottom);
    }

    private static void DrawJobs(Plot plot, IReadOnlyList<JobsPanelSeries> jobs, double right)
    {
        foreach (var line in jobs.Where(s => s.Seconds.Length > 0))
        {
            var scatter = plot.Add.ScatterLine(line.Seconds, line.Jobs);
            scatter.ConnectStyle = ConnectStyle.StepHorizontal;
            scatter.LineWidth = 2;
            scatter.LegendText = line.Label;
        }
        plot.Font.Set(Font);
        plot.Title("Jobs by state over time");
        plot.XLabel("seconds");
        plot.YLabel("jobs");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(0, right, 0, Math.Max(1, jobs.SelectMany(s => s.Jobs).DefaultIfEmpty(0).Max()) * 1.1);
        plot.ShowLegend(Edge.Bottom);
    }

    private static double Right(IReadOnlyList<Series> series, IReadOnlyList<JobsPanelSeries> jobs) =>
        Math.Max(1, series.SelectMany(s => s.Seconds).Concat(jobs.SelectMany(j => j.Seconds)).DefaultIfEmpty(0).Max());
}
