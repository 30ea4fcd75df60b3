using BulkMailer.Lambda.Observability;

namespace BulkMailer.Lambda.Processing;

/// <summary>
/// What an <see cref="ISqsBatchHandler"/> did with a batch: the message ids it acknowledged, the metrics it counted
/// and the fields it adds to the "batch done" line. A record it does not acknowledge goes back to the queue — the
/// processor hands back every record not named here, so whatever goes wrong half-way, a record is redelivered,
/// never lost.
/// </summary>
public sealed class BatchProcessingResult
{
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private readonly List<(string Name, double Value)> _metrics = [];
    private readonly List<LogField> _summary = [];
    private readonly List<(string Name, IReadOnlyCollection<double> Values, MetricUnit Unit)> _samples = [];

    /// <summary>The metrics to flush, in the order counted.</summary>
    internal IReadOnlyList<(string Name, double Value)> Metrics => _metrics;

    /// <summary>The metrics of several values to flush (<see cref="EmfMetrics.PutSamples"/>), in the order added.</summary>
    internal IReadOnlyList<(string Name, IReadOnlyCollection<double> Values, MetricUnit Unit)> SampleMetrics => _samples;

    /// <summary>The handler's fields of the "batch done" line, in the order added.</summary>
    internal IReadOnlyList<LogField> Summary => _summary;

    /// <summary>The record is settled: it is deleted from the queue.</summary>
    public BatchProcessingResult Acknowledge(string messageId)
    {
        _acknowledged.Add(messageId);
        return this;
    }

    /// <summary>A count for this batch's metric line (unit Count).</summary>
    public BatchProcessingResult Metric(string name, double value)
    {
        _metrics.Add((name, value));
        return this;
    }

    /// <summary>
    /// One value per item of this batch for the metric line (e.g. each sent job's wait), written as an EMF array so
    /// CloudWatch counts each as a sample of the metric's percentiles; none: the metric is left out of the line.
    /// </summary>
    public BatchProcessingResult Metric(string name, IReadOnlyCollection<double> values, MetricUnit unit)
    {
        _samples.Add((name, values, unit));
        return this;
    }

    /// <summary>A field of this batch's "batch done" log line.</summary>
    public BatchProcessingResult Log(LogField field)
    {
        _summary.Add(field);
        return this;
    }

    /// <summary>The records of <paramref name="messageIds"/> that go back to the queue: those not acknowledged, in batch order, once each.</summary>
    internal IReadOnlyList<string> Failures(IEnumerable<string> messageIds) =>
        [.. messageIds.Where(id => !_acknowledged.Contains(id)).Distinct(StringComparer.Ordinal)];
}
