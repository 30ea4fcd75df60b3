using BulkMailer.Data.Progress;

namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// The progress counts of every settle poll, in order: the jobs panel of the run chart and the sending and settle
/// times of the report (<see cref="SettleTimes"/>) are read from it. Thread-safe.
/// </summary>
public sealed class ProgressTimeline
{
    private readonly List<ProgressSample> _samples = [];

    public IReadOnlyList<ProgressSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    public void Observe(ProgressCounts counts, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_samples)
        {
            _samples.Add(new ProgressSample(at, counts.SentBySes, counts.Final, counts.Settled));
        }
    }
}
