using BulkMailer.Core.Jobs;

namespace BulkMailer.Client.Enqueueing;

/// <summary>
/// Enqueues mail jobs to the mail-jobs queue. Inputs are streamed: only a bounded window of jobs is held at
/// once, so a campaign of any size can be passed as a lazy sequence. Implemented by <see cref="BulkMailerClient"/>;
/// callers depend on this interface so their tests can use a hand-written fake.
/// </summary>
public interface IBulkMailerClient
{
    /// <summary>Enqueues the jobs; yields one result per job, in completion order, as they settle.</summary>
    IAsyncEnumerable<EnqueueResult> EnqueueAsync(IAsyncEnumerable<MailJob> jobs, CancellationToken cancellationToken = default);

    /// <summary>Enqueues the jobs; yields one result per job, in completion order, as they settle.</summary>
    IAsyncEnumerable<EnqueueResult> EnqueueAsync(IEnumerable<MailJob> jobs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues the jobs, calling <paramref name="onResult"/> once per job (never concurrently), and returns the counts.
    /// </summary>
    Task<EnqueueSummary> EnqueueAsync(
        IAsyncEnumerable<MailJob> jobs,
        Func<EnqueueResult, CancellationToken, ValueTask> onResult,
        CancellationToken cancellationToken = default);

    /// <summary>Enqueues one job.</summary>
    Task<EnqueueResult> EnqueueAsync(MailJob job, CancellationToken cancellationToken = default);
}
