using BulkMailer.Data.Queries;
using BulkMailer.Sender.Ports;
using Dapper;
using Npgsql;

namespace BulkMailer.Data.Mail;

/// <summary>
/// The sender's two statements (claim-batch, record-results) on a given connection, each one round trip.
/// <see cref="MailStore"/> runs them on the environment's static connection; the benchmark's naive variants run the
/// very same statements on the connections their patterns open, so only the connection pattern differs.
/// </summary>
public static class MailStatements
{
    /// <remarks>
    /// Every text is made storable first (<see cref="PostgresText.Clean"/>): a NUL or a lone surrogate in one invalid
    /// job would otherwise fail the statement, and with it the whole batch on every redelivery. The outcomes come back
    /// under the job ids as the caller gave them, so a caller can look its jobs up whatever cleaning did.
    /// </remarks>
    public static async Task<IReadOnlyList<ClaimOutcome>> ClaimAsync(NpgsqlConnection connection, IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var storedIds = jobs.Select(j => PostgresText.Clean(j.JobId)!).ToArray();
        var callerIds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < jobs.Count; i++)
        {
            callerIds.TryAdd(storedIds[i], jobs[i].JobId);
        }
        var args = new ClaimArgs
        {
            JobIds = storedIds,
            CampaignIds = [.. jobs.Select(j => PostgresText.Clean(j.CampaignId))],
            Recipients = [.. jobs.Select(j => PostgresText.Clean(j.Recipient))],
            RejectReasons = [.. jobs.Select(j => PostgresText.Clean(j.RejectReason))],
            MessageIds = [.. jobs.Select(j => PostgresText.Clean(j.MessageId))],
            Owner = owner,
            LeaseSeconds = lease.TotalSeconds,
        };
        var rows = await connection.QueryAsync<ClaimRow>(SqlQueries.ClaimBatch, args).ConfigureAwait(false);
        return [.. rows.Select(r => new ClaimOutcome(callerIds.GetValueOrDefault(r.JobId, r.JobId), ToDecision(r.Outcome), r.Status, r.Attempts))];
    }

    /// <remarks>The rows go in job-id order; the statement also locks them in that order (see record-results).</remarks>
    public static Task<int> RecordAsync(NpgsqlConnection connection, IReadOnlyList<SendResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var ordered = results.OrderBy(r => r.JobId, StringComparer.Ordinal).ToList();
        var args = new RecordArgs
        {
            JobIds = [.. ordered.Select(r => r.JobId)],
            Statuses = [.. ordered.Select(r => r.Status)],
            SesMessageIds = [.. ordered.Select(r => r.SesMessageId)],
            Errors = [.. ordered.Select(r => r.Error)],
            ReleaseLeases = [.. ordered.Select(r => r.ReleaseLease)],
        };
        return connection.ExecuteAsync(SqlQueries.RecordResults, args);
    }

    private static ClaimDecision ToDecision(string outcome) => outcome switch
    {
        "sending" => ClaimDecision.Send,
        "rejected" => ClaimDecision.Rejected,
        "suppressed" => ClaimDecision.Suppressed,
        "in_flight" => ClaimDecision.InFlight,
        "held_elsewhere" => ClaimDecision.HeldByAnotherMessage,
        "final" => ClaimDecision.AlreadyFinal,
        "cancelled" => ClaimDecision.Cancelled,
        "paused" => ClaimDecision.Paused,
        _ => throw new InvalidOperationException($"claim-batch returned an unknown outcome '{outcome}'"),
    };

    // Internal, not private, so that Dapper.AOT's interceptors can see them (see MailStore).
    internal sealed class ClaimArgs
    {
        public required string[] JobIds { get; init; }
        public required string?[] CampaignIds { get; init; }
        public required string?[] Recipients { get; init; }
        public required string?[] RejectReasons { get; init; }
        public required string?[] MessageIds { get; init; }
        public required string Owner { get; init; }
        public required double LeaseSeconds { get; init; }
    }

    internal sealed class ClaimRow
    {
        public string JobId { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
    }

    internal sealed class RecordArgs
    {
        public required string[] JobIds { get; init; }
        public required string[] Statuses { get; init; }
        public required string?[] SesMessageIds { get; init; }
        public required string?[] Errors { get; init; }
        public required bool[] ReleaseLeases { get; init; }
    }
}
