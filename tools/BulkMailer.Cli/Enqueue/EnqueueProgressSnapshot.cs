namespace BulkMailer.Cli.Enqueue;

/// <summary>A moment of an enqueue run, for the progress display.</summary>
/// <param name="Line">The checkpoint line: everything up to it is settled.</param>
/// <param name="TotalLines">Physical lines in the input.</param>
/// <param name="Enqueued">Jobs acknowledged by SQS in this run.</param>
/// <param name="Failed">Jobs failed after retries in this run.</param>
/// <param name="Invalid">Invalid lines skipped in this run.</param>
/// <param name="JobsPerSecond">Enqueued jobs per second since this run started.</param>
/// <param name="Elapsed">Time since this run started.</param>
public sealed record EnqueueProgressSnapshot(long Line, long TotalLines, long Enqueued, long Failed, long Invalid, double JobsPerSecond, TimeSpan Elapsed)
{
    /// <summary>Estimated time left, from the line rate of this run; null until there is a rate.</summary>
    public TimeSpan? Eta(long startLine)
    {
        var linesDone = Line - startLine;
        if (linesDone <= 0 || Elapsed <= TimeSpan.Zero)
        {
            return null;
        }
        var linesPerSecond = linesDone / Elapsed.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Max(0, TotalLines - Line) / linesPerSecond);
    }
}
