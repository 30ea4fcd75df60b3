using BulkMailer.Core.Feedback;

namespace BulkMailer.Feedback.Ports;

/// <summary>
/// What the feedback function needs from the database: ingest a batch of SES events in one round trip, and say
/// how many round trips that took. Implemented by BulkMailer.Data's MailStore on the environment's static connection.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>Commands sent to the server so far by this environment.</summary>
    long RoundTrips { get; }

    /// <summary>
    /// Events, statuses (forward only), suppressions and the transient-bounce history in one statement, applying
    /// <paramref name="policy"/>'s repeated-transient-bounce rule in that same statement. Idempotent: a redelivered
    /// batch changes nothing.
    /// </summary>
    Task<FeedbackIngestResult> IngestFeedbackAsync(IReadOnlyList<FeedbackEvent> events, FeedbackPolicyOptions policy, CancellationToken cancellationToken = default);
}
