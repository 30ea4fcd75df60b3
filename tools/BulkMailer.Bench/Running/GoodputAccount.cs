namespace BulkMailer.Bench.Running;

/// <summary>
/// What a variant's job set ended as, and the rates that follow. Goodput counts only jobs that reached a correct
/// final state: a dead-lettered, duplicated or still pending job is not work done, so a variant can never look
/// faster by failing (README.md "Performance").
/// </summary>
public sealed record GoodputAccount
{
    /// <summary>Jobs in the set.</summary>
    public required int Jobs { get; init; }

    /// <summary>Jobs in a final status at the end.</summary>
    public required long Final { get; init; }

    /// <summary>Messages left in the DLQ.</summary>
    public required long InDlq { get; init; }

    /// <summary>Jobs whose recipient SES accepted more than once.</summary>
    public required long DuplicatedJobs { get; init; }

    /// <summary>From the start of the variant until it settled or timed out.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>
    /// Final, not dead-lettered, not duplicated. A job can be final and dead-lettered at once (its batch failed after
    /// the status was written), and the bench cannot tell which ones: every DLQ message is counted against the final
    /// ones, so the count errs low, never high.
    /// </summary>
    public long Good => Math.Clamp(Math.Min(Final, Jobs - InDlq) - DuplicatedJobs, 0, Jobs);

    /// <summary>Neither final nor in the DLQ when the variant stopped (still queued or in flight).</summary>
    public long Pending => Math.Max(0, Jobs - Final - InDlq);

    /// <summary>Jobs done right per second of the variant: the headline.</summary>
    public double GoodputPerSecond => Duration > TimeSpan.Zero ? Good / Duration.TotalSeconds : 0;

    /// <summary>Jobs that stopped moving (final or dead-lettered) per second: the old headline, kept to show the difference.</summary>
    public double SettledPerSecond => Duration > TimeSpan.Zero ? Math.Min(Jobs, Final + InDlq) / Duration.TotalSeconds : 0;

    /// <summary>Recipients SES accepted more than once (each one a duplicated job, however many extra mails it got).</summary>
    public static long CountDuplicatedJobs(IEnumerable<string> acceptedRecipients)
    {
        ArgumentNullException.ThrowIfNull(acceptedRecipients);
        return acceptedRecipients.GroupBy(r => r, StringComparer.OrdinalIgnoreCase).LongCount(g => g.Skip(1).Any());
    }
}
