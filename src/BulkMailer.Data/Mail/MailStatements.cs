using BulkMailer.Data.Queries;
using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Ports;
using Dapper;
using Npgsql;

namespace BulkMailer.Data.Mail;

/// <summary>
/// The sender's statements (claim-batch, record-results; take-send-permits for a unit that woke late) on a given
/// connection, each one round trip.
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
    public static Task<IReadOnlyList<ClaimOutcome>> ClaimAsync(NpgsqlConnection connection, IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease) =>
        ClaimAsync(connection, jobs, owner, lease, permits: null);

    /// <summary>Claims a batch, taking its send permits from the account's governor (<paramref name="permits"/> null: none).</summary>
    public static async Task<IReadOnlyList<ClaimOutcome>> ClaimAsync(NpgsqlConnection connection, IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, SendPermitRequest? permits)
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
        args.Governor(permits);
        var rows = await connection.QueryAsync<ClaimRow>(SqlQueries.ClaimBatch, args).ConfigureAwait(false);
        return [.. rows.Select(r => new ClaimOutcome(callerIds.GetValueOrDefault(r.JobId, r.JobId), ToDecision(r.Outcome), r.Status, r.Attempts,
            TimeSpan.FromMilliseconds(r.PermitAfterMs)))];
    }

    /// <summary>
    /// Takes <paramref name="count"/> fresh permits for a send unit that woke too late for its slot (take-send-permits);
    /// the wait from now for the last of them, or null when the governor granted fewer within the permits' wait.
    /// </summary>
    public static async Task<TimeSpan?> TakeSendPermitsAsync(NpgsqlConnection connection, SendPermitRequest permits, int count)
    {
        ArgumentNullException.ThrowIfNull(permits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var args = new PermitArgs { Count = count };
        args.Governor(permits);
        var row = await connection.QuerySingleAsync<PermitRow>(SqlQueries.TakeSendPermits, args).ConfigureAwait(false);
        return row.Granted >= count ? TimeSpan.FromMilliseconds(row.AfterMs) : null;
    }

    public static Task<int> RecordAsync(NpgsqlConnection connection, IReadOnlyList<SendResult> results) =>
        RecordAsync(connection, results, throttles: null);

    /// <remarks>The rows go in job-id order; the statement also locks them in that order (see record-results). Rate
    /// throttles (<paramref name="throttles"/>) slow the account's send governor down in the same statement.</remarks>
    public static Task<int> RecordAsync(NpgsqlConnection connection, IReadOnlyList<SendResult> results, GovernorThrottles? throttles)
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
            GovernorKey = throttles?.Key,
            Throttles = throttles?.Count ?? 0,
            DecreaseFactor = GovernorArithmetic.DecreaseFactor,
            MinFactor = GovernorArithmetic.MinFactor,
            DecreaseSpacingMs = GovernorArithmetic.DecreaseSpacing.TotalMilliseconds,
            RecoveryPerSecond = GovernorArithmetic.RecoveryPerSecond,
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
        "no_permit" => ClaimDecision.NoPermit,
        "quota_exhausted" => ClaimDecision.QuotaExhausted,
        _ => throw new InvalidOperationException($"claim-batch returned an unknown outcome '{outcome}'"),
    };

    // Internal, not private, so that Dapper.AOT's interceptors can see them (see MailStore).
    /// <summary>The send governor's parameters, as claim-batch and take-send-permits both pass them to send_governor_take.</summary>
    internal class GovernorArgs
    {
        public string? GovernorKey { get; private set; }
        public double Rate { get; private set; }
        public double Burst { get; private set; }
        public double MaxWaitMs { get; private set; }
        public long? QuotaRemaining { get; private set; }
        public double QuotaAgeMs { get; private set; }
        public double QuotaMaxAgeMs { get; } = GovernorArithmetic.QuotaMaxAge.TotalMilliseconds;
        public double QuotaInFlightMs { get; } = GovernorArithmetic.QuotaInFlight.TotalMilliseconds;
        public double RecoveryPerSecond { get; } = GovernorArithmetic.RecoveryPerSecond;

        /// <summary>Sets the request's parameters (null: no governor, every permit granted at once).</summary>
        public void Governor(SendPermitRequest? permits)
        {
            GovernorKey = permits?.Key;
            Rate = permits?.Rate ?? 0;
            Burst = permits?.Burst ?? 0;
            MaxWaitMs = permits?.MaxWait.TotalMilliseconds ?? 0;
            QuotaRemaining = permits?.Quota?.Remaining;
            QuotaAgeMs = permits?.Quota?.Age.TotalMilliseconds ?? 0;
        }
    }

    internal sealed class ClaimArgs : GovernorArgs
    {
        public required string[] JobIds { get; init; }
        public required string?[] CampaignIds { get; init; }
        public required string?[] Recipients { get; init; }
        public required string?[] RejectReasons { get; init; }
        public required string?[] MessageIds { get; init; }
        public required string Owner { get; init; }
        public required double LeaseSeconds { get; init; }
    }

    internal sealed class PermitArgs : GovernorArgs
    {
        public required int Count { get; init; }
    }

    internal sealed class PermitRow
    {
        public int Granted { get; set; }
        public double AfterMs { get; set; }
    }

    internal sealed class ClaimRow
    {
        public string JobId { get; set; } = "";
        public string Outcome { get; set; } = "";
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public double PermitAfterMs { get; set; }
    }

    internal sealed class RecordArgs
    {
        public required string[] JobIds { get; init; }
        public required string[] Statuses { get; init; }
        public required string?[] SesMessageIds { get; init; }
        public required string?[] Errors { get; init; }
        public required bool[] ReleaseLeases { get; init; }
        public required string? GovernorKey { get; init; }
        public required int Throttles { get; init; }
        public required double DecreaseFactor { get; init; }
        public required double MinFactor { get; init; }
        public required double DecreaseSpacingMs { get; init; }
        public required double RecoveryPerSecond { get; init; }
    }
}
