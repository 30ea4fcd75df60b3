using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Queries;
using BulkMailer.Feedback.Ports;
using BulkMailer.Sender.Ports;
using Dapper;

namespace BulkMailer.Data.Mail;

/// <summary>
/// The three batch operations of the worker, each exactly one round trip whatever the batch size
/// (arrays + <c>unnest</c>; never a statement per message). SQL: <c>Queries/*.sql</c>.
/// Cancellation (the invocation's deadline) is checked before a statement starts; a started statement is bounded
/// by the command timeout (<see cref="DatabaseTimeouts"/>), not the token: Dapper.AOT 1.1.0 takes a token only
/// from a parameter member, and its generated code for that does not compile for SQL loaded at run time.
/// </summary>
public sealed class MailStore(StaticConnection connection) : ISenderStore, IFeedbackStore
{
    /// <inheritdoc />
    public long RoundTrips => connection.RoundTrips;

    /// <summary>Claims a batch: see <c>claim-batch</c> in Queries/mail_message.sql for the policy.</summary>
    /// <param name="owner">This attempt's identity (the invocation's request id); a retry by the same owner re-claims.</param>
    /// <param name="lease">How long the claim keeps other deliveries off: at least the function timeout.</param>
    public Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(
        IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
        ClaimBatchAsync(jobs, owner, lease, permits: null, cancellationToken);

    /// <summary>Claims a batch and takes its send permits from the account's governor in the same round trip.</summary>
    public async Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(
        IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, SendPermitRequest? permits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return jobs.Count == 0
            ? []
            : await connection.ExecuteAsync((c, _) => MailStatements.ClaimAsync(c, jobs, owner, lease, permits), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes fresh send permits for a unit that woke too late for its slot: see <c>take-send-permits</c> in Queries/send_governor.sql.</summary>
    public Task<TimeSpan?> TakeSendPermitsAsync(SendPermitRequest permits, int count, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync((c, _) => MailStatements.TakeSendPermitsAsync(c, permits, count), cancellationToken);

    /// <summary>Records the results of a batch's sends.</summary>
    public Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default) =>
        RecordResultsAsync(results, throttles: null, cancellationToken);

    /// <summary>Records the results of a batch's sends and the SES rate throttles they met (one round trip).</summary>
    public async Task RecordResultsAsync(IReadOnlyList<SendResult> results, GovernorThrottles? throttles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count > 0)
        {
            await connection.ExecuteAsync((c, _) => MailStatements.RecordAsync(c, results, throttles), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ingests a batch of SES events with every optional policy rule off: see the overload.</summary>
    public Task<FeedbackIngestResult> IngestFeedbackAsync(IReadOnlyList<FeedbackEvent> events, CancellationToken cancellationToken = default) =>
        IngestFeedbackAsync(events, FeedbackPolicyOptions.Default, cancellationToken);

    /// <summary>
    /// Ingests a batch of SES events: events, statuses (forward only), suppressions and the transient-bounce history
    /// in one statement, applying <paramref name="policy"/>'s repeated-transient-bounce rule in that same statement.
    /// </summary>
    public async Task<FeedbackIngestResult> IngestFeedbackAsync(
        IReadOnlyList<FeedbackEvent> events, FeedbackPolicyOptions policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Validate() is { } invalid)
        {
            throw new ArgumentException(invalid, nameof(policy));
        }
        if (events.Count == 0)
        {
            return new FeedbackIngestResult(0, 0, 0, 0);
        }
        var suppressions = events.SelectMany(e => e.Suppressions).ToList();
        var candidates = events.SelectMany(e => e.SuppressionCandidates.Select(c => (Event: e, Candidate: c))).ToList();
        var args = new IngestArgs
        {
            EventKeys = [.. events.Select(e => PostgresText.Clean(e.EventKey)!)],
            EventTypes = [.. events.Select(e => PostgresText.Clean(e.EventType)!)],
            SesMessageIds = [.. events.Select(e => PostgresText.Clean(e.SesMessageId))],
            JobIds = [.. events.Select(e => PostgresText.Clean(e.JobId))],
            OccurredAts = [.. events.Select(e => e.OccurredAt?.ToUniversalTime())],
            NewStatuses = [.. events.Select(e => e.NewStatus)],
            Details = [.. events.Select(e => PostgresText.Clean(e.Detail))],
            Errors = [.. events.Select(e => PostgresText.Clean(e.Error))],
            Raws = [.. events.Select(e => PostgresText.Clean(e.Raw)!)],
            SuppressEmails = [.. suppressions.Select(s => Normalize(s.Email))],
            SuppressReasons = [.. suppressions.Select(s => PostgresText.Clean(s.Reason)!)],
            CandidateEventKeys = [.. candidates.Select(c => PostgresText.Clean(c.Event.EventKey)!)],
            CandidateEmails = [.. candidates.Select(c => Normalize(c.Candidate.Email))],
            CandidateReasons = [.. candidates.Select(c => PostgresText.Clean(c.Candidate.Reason)!)],
            CandidateOccurredAts = [.. candidates.Select(c => c.Event.OccurredAt?.ToUniversalTime())],
            TransientThreshold = policy.TransientBounceThreshold,
            TransientWindowSeconds = policy.TransientBounceWindow.TotalSeconds,
        };
        var row = await connection.ExecuteAsync(
            (c, _) => c.QuerySingleAsync<IngestRow>(SqlQueries.IngestFeedback, args),
            cancellationToken).ConfigureAwait(false);
        return new FeedbackIngestResult(row.EventsInserted, row.StatusesAdvanced, row.SuppressionsAdded, row.UnknownMessages)
        {
            TransientBouncesRecorded = row.TransientBouncesRecorded,
            RepeatedTransientSuppressions = row.RepeatedTransientSuppressions,
        };
    }

    /// <summary>Adds an address to the suppression list by hand (operators, tests).</summary>
    public Task SuppressAsync(string email, string reason, string source, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(
            (c, _) => c.ExecuteAsync(SqlQueries.Suppress, new SuppressArgs { Email = email, Reason = reason, Source = source }),
            cancellationToken);

    /// <summary>The suppression list and the bounce history are keyed by the lower-case address (docs/contract.md §4, Database).</summary>
    private static string Normalize(string email) => PostgresText.Clean(email.Trim().ToLowerInvariant())!;

    // Parameter and row types are internal, not private: Dapper.AOT's generated interceptors must see them,
    // and silently leave a call site on reflection-emit Dapper (which fails under Native AOT) when they cannot.
    internal sealed class IngestArgs
    {
        public required string[] EventKeys { get; init; }
        public required string[] EventTypes { get; init; }
        public required string?[] SesMessageIds { get; init; }
        public required string?[] JobIds { get; init; }
        public required DateTimeOffset?[] OccurredAts { get; init; }
        public required string?[] NewStatuses { get; init; }
        public required string?[] Details { get; init; }
        public required string?[] Errors { get; init; }
        public required string[] Raws { get; init; }
        public required string[] SuppressEmails { get; init; }
        public required string[] SuppressReasons { get; init; }
        public required string[] CandidateEventKeys { get; init; }
        public required string[] CandidateEmails { get; init; }
        public required string[] CandidateReasons { get; init; }
        public required DateTimeOffset?[] CandidateOccurredAts { get; init; }
        public required int TransientThreshold { get; init; }
        public required double TransientWindowSeconds { get; init; }
    }

    internal sealed class IngestRow
    {
        public int EventsInserted { get; set; }
        public int StatusesAdvanced { get; set; }
        public int SuppressionsAdded { get; set; }
        public int UnknownMessages { get; set; }
        public int TransientBouncesRecorded { get; set; }
        public int RepeatedTransientSuppressions { get; set; }
    }

    internal sealed class SuppressArgs
    {
        public required string Email { get; init; }
        public required string Reason { get; init; }
        public required string Source { get; init; }
    }
}
