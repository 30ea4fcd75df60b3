using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Sender.Ports;

namespace BulkMailer.Bench.Variants;

/// <summary>
/// The N+1 pattern, on purpose: the design's single static connection, but one statement per message for the claim
/// and one per message for the record — the connection is held for 2 × batch size round trips instead of 2.
/// </summary>
public sealed class QueryPerMessageStore(StaticConnection connection) : ISenderStore
{
    public long RoundTrips => connection.RoundTrips;

    public async Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<ClaimOutcome>();
        foreach (var job in jobs)
        {
            outcomes.AddRange(await connection.ExecuteAsync((c, _) => MailStatements.ClaimAsync(c, [job], owner, lease), cancellationToken).ConfigureAwait(false));
        }
        return outcomes;
    }

    public async Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default)
    {
        foreach (var result in results)
        {
            await connection.ExecuteAsync((c, _) => MailStatements.RecordAsync(c, [result]), cancellationToken).ConfigureAwait(false);
        }
    }
}
