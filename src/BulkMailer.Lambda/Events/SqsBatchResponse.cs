using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>
/// The partial-batch response (<c>ReportBatchItemFailures</c>): only the listed message ids go back to the
/// queue; every other record of the batch is deleted by the event source mapping.
/// </summary>
public sealed class SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public List<SqsBatchItemFailure> BatchItemFailures { get; set; } = [];

    public static SqsBatchResponse ForFailures(IEnumerable<string> messageIds) =>
        new() { BatchItemFailures = messageIds.Select(id => new SqsBatchItemFailure { ItemIdentifier = id }).ToList() };
}
