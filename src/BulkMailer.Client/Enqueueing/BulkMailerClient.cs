using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Amazon;
using Amazon.SQS;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Fifo;
using BulkMailer.Client.Jobs;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Client.Enqueueing;

/// <summary>
/// Enqueues mail jobs to the mail-jobs queue with SendMessageBatch: batches of 10, at most
/// <see cref="BulkMailerClientOptions.MaxBatchesInFlight"/> calls at once, retries with backoff for entries SQS
/// reports failed without sender fault and for transient errors. Jobs are validated with the sender's
/// <see cref="JobValidator"/> first; invalid ones are reported and never sent.
/// </summary>
/// <remarks>
/// The input is pulled through bounded channels, so memory stays at a few batches whatever the input's size.
/// Errors that would fail every batch alike (the queue does not exist, access denied, no credentials) end the
/// enumeration with that exception; results already reported stand.
/// </remarks>
public sealed class BulkMailerClient : IBulkMailerClient, IDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly bool _ownsSqs;
    private readonly BatchSender _sender;
    private readonly bool _fifo;

    /// <summary>A client with its own SQS client from the standard AWS configuration and <paramref name="options"/>.</summary>
    public BulkMailerClient(BulkMailerClientOptions options)
        : this(options?.ValidatedCopy() ?? throw new ArgumentNullException(nameof(options)), sqs: null, ownsSqs: true)
    {
    }

    /// <summary>
    /// A client over a caller-owned SQS client (not disposed here). Its retry settings add to this client's:
    /// give it <c>MaxErrorRetry = 0</c> to keep <see cref="BulkMailerClientOptions.MaxAttempts"/> exact.
    /// </summary>
    public BulkMailerClient(BulkMailerClientOptions options, IAmazonSQS sqs)
        : this(options?.ValidatedCopy() ?? throw new ArgumentNullException(nameof(options)), sqs ?? throw new ArgumentNullException(nameof(sqs)), ownsSqs: false)
    {
    }

    private BulkMailerClient(BulkMailerClientOptions validated, IAmazonSQS? sqs, bool ownsSqs)
    {
        Options = validated;
        _ownsSqs = ownsSqs;
        _sqs = sqs ?? CreateSqsClient(validated);
        _sender = new BatchSender(_sqs, validated);
        _fifo = validated.IsFifo;
    }

    /// <summary>The validated options in force (a copy: later edits to the caller's instance have no effect).</summary>
    public BulkMailerClientOptions Options { get; }

    /// <inheritdoc />
    public async IAsyncEnumerable<EnqueueResult> EnqueueAsync(IAsyncEnumerable<MailJob> jobs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<IReadOnlyList<PendingEntry>>(new BoundedChannelOptions(Options.MaxBatchesInFlight)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var results = Channel.CreateBounded<EnqueueResult>(new BoundedChannelOptions(Options.MaxBatchesInFlight * BulkMailerClientOptions.MaxEntriesPerBatch * 2)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var pipeline = RunPipelineAsync(jobs, batches, results.Writer, stop.Token);
        try
        {
            await foreach (var result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // Also reached when the caller stops enumerating early: stop the background work and wait for it,
            // so no SQS call outlives the enumeration.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await pipeline.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Either the cancellation above, or a failure that already surfaced through the results channel
                // (rethrowing it here would replace the exception in flight, or throw from a deliberate early exit).
            }
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<EnqueueResult> EnqueueAsync(IEnumerable<MailJob> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return EnqueueAsync(ToAsync(jobs), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EnqueueSummary> EnqueueAsync(
        IAsyncEnumerable<MailJob> jobs,
        Func<EnqueueResult, CancellationToken, ValueTask> onResult,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onResult);
        long enqueued = 0, invalid = 0, failed = 0;
        await foreach (var result in EnqueueAsync(jobs, cancellationToken).ConfigureAwait(false))
        {
            switch (result.Outcome)
            {
                case EnqueueOutcome.Enqueued: enqueued++; break;
                case EnqueueOutcome.Invalid: invalid++; break;
                default: failed++; break;
            }
            await onResult(result, cancellationToken).ConfigureAwait(false);
        }
        return new EnqueueSummary(enqueued, invalid, failed);
    }

    /// <inheritdoc />
    public async Task<EnqueueResult> EnqueueAsync(MailJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await foreach (var result in EnqueueAsync([job], cancellationToken).ConfigureAwait(false))
        {
            return result;
        }
        throw new InvalidOperationException("the pipeline produced no result for the job");
    }

    public void Dispose()
    {
        if (_ownsSqs)
        {
            _sqs.Dispose();
        }
    }

    private async Task RunPipelineAsync(
        IAsyncEnumerable<MailJob> jobs,
        Channel<IReadOnlyList<PendingEntry>> batches,
        ChannelWriter<EnqueueResult> results,
        CancellationToken cancellationToken)
    {
        // One failing stage must stop the others: a dead worker pool would leave the producer blocked on a full channel.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = failed.Token;
        ValueTask Report(EnqueueResult result) => results.WriteAsync(result, token);

        async Task StopOthersOnFailure(Task stage)
        {
            try
            {
                await stage.ConfigureAwait(false);
            }
            catch
            {
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }

        var stages = new Task[Options.MaxBatchesInFlight + 1];
        stages[0] = StopOthersOnFailure(ProduceAsync(jobs, batches.Writer, Report, token));
        for (var i = 1; i < stages.Length; i++)
        {
            stages[i] = StopOthersOnFailure(SendLoopAsync(batches.Reader, Report, token));
        }
        try
        {
            await Task.WhenAll(stages).ConfigureAwait(false);
            results.TryComplete();
        }
        catch (Exception first)
        {
            // The cause, not the cancellations it triggered in the other stages.
            var cause = stages.Where(stage => stage.IsFaulted)
                .SelectMany(stage => stage.Exception!.InnerExceptions)
                .FirstOrDefault(exception => exception is not OperationCanceledException) ?? first;
            results.TryComplete(cause);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
        }
    }

    private async Task ProduceAsync(
        IAsyncEnumerable<MailJob> jobs,
        ChannelWriter<IReadOnlyList<PendingEntry>> batches,
        Func<EnqueueResult, ValueTask> report,
        CancellationToken cancellationToken)
    {
        try
        {
            long sequence = 0;
            var batch = new List<PendingEntry>(BulkMailerClientOptions.MaxEntriesPerBatch);
            var batchBytes = 0;
            await foreach (var job in jobs.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var position = sequence++;
                if (job is null)
                {
                    await report(EnqueueResult.Invalid(position, string.Empty, "the job is null")).ConfigureAwait(false);
                    continue;
                }
                var reason = JobValidator.Validate(job);
                if (reason is not null)
                {
                    await report(EnqueueResult.Invalid(position, job.JobId, reason)).ConfigureAwait(false);
                    continue;
                }
                var body = MailJobBody.Serialize(job);
                var bytes = MailJobBody.ByteCount(body);
                if (MailJobBody.TooLarge(bytes, Options.MaxBatchBytes) is { } tooLarge)
                {
                    await report(EnqueueResult.Invalid(position, job.JobId, tooLarge)).ConfigureAwait(false);
                    continue;
                }
                if (batch.Count == BulkMailerClientOptions.MaxEntriesPerBatch || batchBytes + bytes > Options.MaxBatchBytes)
                {
                    await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new List<PendingEntry>(BulkMailerClientOptions.MaxEntriesPerBatch);
                    batchBytes = 0;
                }
                batch.Add(new PendingEntry(
                    position,
                    job.JobId,
                    body,
                    bytes,
                    _fifo ? FifoIds.MessageGroupId(job, Options.FifoMessageGroup) : null,
                    _fifo ? FifoIds.DeduplicationId(job.JobId) : null));
                batchBytes += bytes;
            }
            if (batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private async Task SendLoopAsync(ChannelReader<IReadOnlyList<PendingEntry>> batches, Func<EnqueueResult, ValueTask> report, CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await _sender.SendAsync(batch, report, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IAmazonSQS CreateSqsClient(BulkMailerClientOptions options)
    {
        // MaxErrorRetry = 0: one retry policy (this client's), so attempts and backoff are counted in one place.
        var config = new AmazonSQSConfig { MaxErrorRetry = 0 };
        if (options.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
        }
        if (options.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return new AmazonSQSClient(config);
    }

#pragma warning disable CS1998 // An async iterator without awaits is the simplest adapter from a lazy sequence.
    private static async IAsyncEnumerable<MailJob> ToAsync(IEnumerable<MailJob> jobs)
    {
        foreach (var job in jobs)
        {
            yield return job;
        }
    }
#pragma warning restore CS1998
}
