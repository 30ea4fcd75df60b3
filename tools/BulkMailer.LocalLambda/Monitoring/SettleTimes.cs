namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// How long a run sent and how long it took to settle, from its progress samples. Sending time: from the first
/// sample with a mail SES accepted to the sample where the last one appeared. Settle time: from the start to the
/// first sample with every job settled (final and SES's verdict recorded). Their ratio says how far feedback lags
/// sending: 1 would mean every verdict is in the moment the last mail goes out.
/// </summary>
public sealed record SettleTimes(TimeSpan? Sending, TimeSpan? Settle)
{
    /// <summary>Settle time ÷ sending time; null when either is unknown or sending took no measurable time.</summary>
    public double? Ratio => Sending is { } sending && Settle is { } settle && sending > TimeSpan.Zero ? settle / sending : null;

    /// <param name="jobs">Jobs of the campaign: settled means this many settled.</param>
    public static SettleTimes From(IReadOnlyList<ProgressSample> samples, long jobs)
    {
        ArgumentNullException.ThrowIfNull(samples);
        TimeSpan? firstSent = null, lastSentChange = null, settled = null;
        long sent = 0;
        foreach (var sample in samples)
        {
            if (sample.SentBySes > 0 && firstSent is null)
            {
                firstSent = sample.Elapsed;
            }
            if (sample.SentBySes > sent)
            {
                sent = sample.SentBySes;
                lastSentChange = sample.Elapsed;
            }
            if (settled is null && jobs > 0 && sample.Settled >= jobs)
            {
                settled = sample.Elapsed;
            }
        }
        return new SettleTimes(firstSent is { } first && lastSentChange is { } last ? last - first : null, settled);
    }
}
