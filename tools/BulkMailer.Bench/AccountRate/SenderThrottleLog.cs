namespace BulkMailer.Bench.AccountRate;

/// <summary>
/// Counts the throttle answers the sender environments logged: every job SES refused as over the rate gets a
/// "send did not succeed" warning carrying SES's message, so with one SendEmail per job the count is the number of
/// refused calls the senders saw — to be compared with the SES front's own count.
/// </summary>
public static class SenderThrottleLog
{
    /// <summary>SES's message for a call over the account's maximum send rate.</summary>
    public const string RateExceeded = "Maximum sending rate exceeded.";

    /// <summary>Lines carrying <see cref="RateExceeded"/> in the <c>*.log</c> files of <paramref name="directory"/> (0 when it does not exist).</summary>
    public static int Count(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.log").Sum(file => CountLines(File.ReadLines(file)))
            : 0;
    }

    /// <summary>Lines carrying <see cref="RateExceeded"/>.</summary>
    public static int CountLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Count(l => l.Contains(RateExceeded, StringComparison.Ordinal));
    }
}
