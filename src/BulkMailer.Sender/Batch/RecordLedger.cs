namespace BulkMailer.Sender.Batch;

/// <summary>
/// The batch's book of SQS records, Powertools-style: every record counts as failed (handed back to the queue)
/// until the handler acknowledges it explicitly. Whatever goes wrong half-way, an unacknowledged record is
/// redelivered, never lost.
/// </summary>
public sealed class RecordLedger
{
    private readonly List<string> _order = [];
    private readonly HashSet<string> _acknowledged = [];

    public RecordLedger(IEnumerable<string> messageIds)
    {
        foreach (var id in messageIds)
        {
            _order.Add(id);
        }
    }

    public int Count => _order.Count;

    public void Acknowledge(string messageId) => _acknowledged.Add(messageId);

    /// <summary>The records that go back to the queue, in their original order.</summary>
    public IReadOnlyList<string> Failures() => [.. _order.Where(id => !_acknowledged.Contains(id)).Distinct()];
}
