using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>
/// A batch handler whose work each test scripts: it acknowledges the ids in <see cref="Acknowledge"/>, counts the
/// <see cref="Metrics"/> and <see cref="LogFields"/> given, spends <see cref="RoundTripsSpent"/> round trips on
/// <see cref="RoundTrips"/>, or throws <see cref="Failure"/>. Records the batches it was handed.
/// </summary>
public sealed class ScriptedBatchHandler : ISqsBatchHandler
{
    public HashSet<string> Acknowledge { get; } = new(StringComparer.Ordinal);

    public List<(string Name, double Value)> Metrics { get; } = [];

    public List<LogField> LogFields { get; } = [];

    public int RoundTripsSpent { get; set; }

    public Exception? Failure { get; set; }

    /// <summary>The store counter the processor reads before and after the batch.</summary>
    public long RoundTrips { get; private set; }

    public List<IReadOnlyList<SqsMessage>> Batches { get; } = [];

    public Task<BatchProcessingResult> HandleBatchAsync(IReadOnlyList<SqsMessage> records, InvocationRequest request, CancellationToken cancellationToken)
    {
        Batches.Add(records);
        RoundTrips += RoundTripsSpent;
        if (Failure is { } failure)
        {
            return Task.FromException<BatchProcessingResult>(failure);
        }
        var result = new BatchProcessingResult();
        foreach (var record in records.Where(r => Acknowledge.Contains(r.MessageId)))
        {
            result.Acknowledge(record.MessageId);
        }
        foreach (var (name, value) in Metrics)
        {
            result.Metric(name, value);
        }
        foreach (var field in LogFields)
        {
            result.Log(field);
        }
        return Task.FromResult(result);
    }
}
