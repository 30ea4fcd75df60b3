using System.Globalization;

namespace BulkMailer.Client.Configuration;

/// <summary>
/// Every setting of <see cref="Enqueueing.BulkMailerClient"/>, with its default. Credentials, region and the
/// endpoint come from the standard AWS configuration (environment, profile, instance role; the endpoint from
/// <c>AWS_ENDPOINT_URL_SQS</c> or <c>AWS_ENDPOINT_URL</c>) unless set here. Checked once, when the client is built.
/// </summary>
public sealed class BulkMailerClientOptions
{
    /// <summary>SQS allows at most 10 entries in a SendMessageBatch call.</summary>
    public const int MaxEntriesPerBatch = 10;

    /// <summary>The mail-jobs queue URL. Required.</summary>
    public string? QueueUrl { get; set; }

    /// <summary>
    /// SendMessageBatch calls in flight at once. Default 8: on a 2-core producer that is past the point where
    /// more calls add throughput against SQS, and it bounds memory to a few hundred jobs.
    /// </summary>
    public int MaxBatchesInFlight { get; set; } = 8;

    /// <summary>
    /// Attempts per job, the first included, before it is reported failed. Default 5 (with the default delays,
    /// about 3 s of backoff in the worst case).
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff base: the retry after attempt n waits a random time up to base·2ⁿ⁻¹. Default 100 ms.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Backoff ceiling for one wait. Default 2 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Largest total body size of one batch, in bytes. Default 262 144 (256 KiB), the classic SQS limit for a
    /// message and for a batch; queues configured for larger messages may raise it.
    /// </summary>
    public int MaxBatchBytes { get; set; } = 256 * 1024;

    /// <summary>True for a FIFO queue; null (the default) decides from the queue URL's <c>.fifo</c> suffix.</summary>
    public bool? Fifo { get; set; }

    /// <summary>FIFO only: what the message group is made from. Default <see cref="FifoMessageGroup.Job"/>.</summary>
    public FifoMessageGroup FifoMessageGroup { get; set; } = FifoMessageGroup.Job;

    /// <summary>
    /// Explicit SQS endpoint. Null (the default) leaves it to the SDK, which honours <c>AWS_ENDPOINT_URL_SQS</c>
    /// and <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region; null (the default) uses the SDK's chain (<c>AWS_REGION</c>, profile, instance metadata).</summary>
    public string? Region { get; set; }

    /// <summary>Whether the queue is FIFO, after applying the URL rule.</summary>
    public bool IsFifo => Fifo ?? (QueueUrl?.EndsWith(".fifo", StringComparison.Ordinal) ?? false);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(QueueUrl, UriKind.Absolute, out var queue) || queue.Scheme is not ("http" or "https"))
        {
            problems.Add("QueueUrl must be an absolute http(s) URL");
        }
        if (MaxBatchesInFlight is < 1 or > 256)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxBatchesInFlight must be 1-256 (was {MaxBatchesInFlight})"));
        }
        if (MaxAttempts is < 1 or > 50)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxAttempts must be 1-50 (was {MaxAttempts})"));
        }
        if (BaseRetryDelay < TimeSpan.Zero || MaxRetryDelay < BaseRetryDelay)
        {
            problems.Add("retry delays must satisfy 0 <= BaseRetryDelay <= MaxRetryDelay");
        }
        if (MaxBatchBytes is < 1024 or > 10 * 1024 * 1024)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"MaxBatchBytes must be 1 KiB-10 MiB (was {MaxBatchBytes})"));
        }
        if (ServiceUrl is not null && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            problems.Add("ServiceUrl must be an absolute URL when set");
        }
        if (Fifo == false && QueueUrl?.EndsWith(".fifo", StringComparison.Ordinal) == true)
        {
            problems.Add("Fifo is false but the queue URL names a FIFO queue");
        }
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every problem, or returns a copy safe from later edits.</summary>
    public BulkMailerClientOptions ValidatedCopy()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid BulkMailer client options: " + string.Join("; ", problems));
        }
        return (BulkMailerClientOptions)MemberwiseClone();
    }
}
