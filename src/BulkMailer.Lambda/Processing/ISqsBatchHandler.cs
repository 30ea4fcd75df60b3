using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Processing;

/// <summary>
/// A function's work on one SQS batch, run by <see cref="SqsBatchProcessor"/>: it handles the records and says which
/// it settled (acknowledged) and what it counted. It handles the batch as a whole, not record by record, so that a
/// batch costs one database round trip per step rather than one per message. Throwing fails the invocation: SQS
/// redelivers the whole batch.
/// </summary>
public interface ISqsBatchHandler
{
    Task<BatchProcessingResult> HandleBatchAsync(IReadOnlyList<SqsMessage> records, InvocationRequest request, CancellationToken cancellationToken);
}
