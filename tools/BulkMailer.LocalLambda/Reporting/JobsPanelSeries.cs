using BulkMailer.LocalLambda.Monitoring;

namespace BulkMailer.LocalLambda.Reporting;

/// <summary>One line of the run chart's jobs panel: a job count over time.</summary>
public sealed record JobsPanelSeries(string Label, double[] Seconds, double[] Jobs)
{
    public const string AcceptedBySes = "accepted by SES";
    public const string Final = "final (sender done)";
    public const string Settled = "settled (SES verdict recorded)";

    /// <summary>The panel's lines from a run's progress samples, on the same clock as the connection samples; none without samples.</summary>
    public static IReadOnlyList<JobsPanelSeries> From(IReadOnlyList<ProgressSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return [];
        }
        double[] seconds = [.. samples.Select(s => s.Elapsed.TotalSeconds)];
        return
        [
            new(AcceptedBySes, seconds, [.. samples.Select(s => (double)s.SentBySes)]),
            new(Final, seconds, [.. samples.Select(s => (double)s.Final)]),
            new(Settled, seconds, [.. samples.Select(s => (double)s.Settled)]),
        ];
    }
}
