namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>local run</c> and <c>bench</c> stopped by a signal: the run's <c>await using</c> teardown has stopped every
/// process it started by the time its cancellation reaches here; the command then exits with
/// <see cref="ExitCode"/>, never 0.
/// </summary>
internal static class InterruptedRun
{
    /// <summary>The exit code of an interrupted run (128 + SIGINT, as enqueue's; whatever the signal).</summary>
    public const int ExitCode = 130;

    /// <summary>Runs <paramref name="run"/>; its cancellation by <paramref name="cancellationToken"/> becomes <see cref="ExitCode"/> and one line on stderr.</summary>
    public static async Task<int> GuardAsync(string command, Func<Task<int>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{command}: interrupted; every process it started is stopped").ConfigureAwait(false);
            return ExitCode;
        }
    }
}
