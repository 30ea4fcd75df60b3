using System.Globalization;
using Spectre.Console;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// Shows enqueue progress: a live Spectre.Console bar with rate and ETA on a terminal, or a plain line every few
/// seconds when the output is redirected (a bar would fill a log file with redraw sequences).
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(IAnsiConsole console, long totalLines, long startLine, Func<Action<EnqueueProgressSnapshot>, Task<T>> work)
    {
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            return await console.Progress()
                .AutoClear(false)
                .Columns(
                    new TaskDescriptionColumn(),
                    new ProgressBarColumn(),
                    new PercentageColumn(),
                    new JobsPerSecondColumn(),
                    new RemainingTimeColumn(),
                    new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("enqueue", maxValue: Math.Max(1, totalLines));
                    task.Value = startLine;
                    var result = await work(snapshot =>
                    {
                        task.Value = snapshot.Line;
                        task.State.Update<double>(JobsPerSecondColumn.StateKey, _ => snapshot.JobsPerSecond);
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"enqueued {snapshot.Enqueued:N0}, failed {snapshot.Failed:N0}");
                    }).ConfigureAwait(false);
                    task.StopTask();
                    return result;
                }).ConfigureAwait(false);
        }

        var lastPrinted = TimeSpan.Zero;
        EnqueueProgressSnapshot? last = null;
        var outcome = await work(snapshot =>
        {
            last = snapshot;
            if (snapshot.Elapsed - lastPrinted >= PlainInterval)
            {
                lastPrinted = snapshot.Elapsed;
                console.Profile.Out.Writer.WriteLine(Describe(snapshot, startLine));
            }
        }).ConfigureAwait(false);
        if (last is not null)
        {
            console.Profile.Out.Writer.WriteLine(Describe(last, startLine));
        }
        return outcome;
    }

    private static string Describe(EnqueueProgressSnapshot snapshot, long startLine)
    {
        var percent = snapshot.TotalLines == 0 ? 100 : 100.0 * snapshot.Line / snapshot.TotalLines;
        var eta = snapshot.Eta(startLine) is { } left ? left.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"progress: line {snapshot.Line}/{snapshot.TotalLines} ({percent:F0}%), enqueued {snapshot.Enqueued}, failed {snapshot.Failed}, {snapshot.JobsPerSecond:F0} jobs/s, ETA {eta}");
    }
}
