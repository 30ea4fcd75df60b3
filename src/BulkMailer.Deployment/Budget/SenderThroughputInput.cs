using System.Globalization;

namespace BulkMailer.Deployment.Budget;

/// <summary>
/// The knobs that decide how fast one sender environment sends (the inputs of <see cref="SenderThroughput.Of"/>).
/// Defaults are the sender's own (src/BulkMailer.Sender/SenderOptions.cs) and the deployment's
/// (<c>DeploymentOptions.DefaultSender</c>); the database round trip is an estimate, written down here.
/// </summary>
public sealed record SenderThroughputInput
{
    /// <summary>The sender's default <c>BULKMAILER_SEND_PARALLELISM</c>: SES calls in flight per invocation.</summary>
    public const int DefaultSendParallelism = 8;

    /// <summary>The deployment's default SQS batch size (the largest without a batching window).</summary>
    public const int DefaultBatchSize = 10;

    /// <summary>
    /// Milliseconds of one database round trip (claim-batch or record-results of one batch): an in-region RDS round
    /// trip with a few rows through <c>unnest</c> is 1–3 ms; the local stack measures about 1–2 ms (README, Performance).
    /// </summary>
    public const double DefaultDatabaseRoundTripMs = 2;

    /// <summary>Jobs one SendBulkEmail call carries at most (SES's limit, src/BulkMailer.Ses/Model/SendBulkEmailRequest.cs).</summary>
    public const int BulkEntriesPerCall = 50;

    /// <summary>Database round trips of one sender batch whatever its size: claim and record (README, How it works).</summary>
    public const int RoundTripsPerBatch = 2;

    /// <summary>Milliseconds SES takes to answer one SendEmail or SendBulkEmail call (measured, e.g. from the sender's logs).</summary>
    public required double SesLatencyMs { get; init; }

    /// <summary>SES calls in flight per invocation (<c>BULKMAILER_SEND_PARALLELISM</c>). Default <see cref="DefaultSendParallelism"/>.</summary>
    public int SendParallelism { get; init; } = DefaultSendParallelism;

    /// <summary>Jobs per invocation (the event source mapping's batch size). Default <see cref="DefaultBatchSize"/>.</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>
    /// Share (0–1) of a batch's jobs that are templated and share template, sender, reply-to and configuration set, so
    /// they go out together through SendBulkEmail. Default 0: every job is its own SendEmail (the slowest case).
    /// </summary>
    public double BulkShare { get; init; }

    /// <summary>Milliseconds of one database round trip. Default <see cref="DefaultDatabaseRoundTripMs"/>.</summary>
    public double DatabaseRoundTripMs { get; init; } = DefaultDatabaseRoundTripMs;

    /// <summary>Every input that cannot be modelled, named; empty when the input is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var c = CultureInfo.InvariantCulture;
        var problems = new List<string>();
        if (!(SesLatencyMs > 0) || !double.IsFinite(SesLatencyMs))
        {
            problems.Add(string.Create(c, $"SES latency {SesLatencyMs} ms: must be > 0."));
        }

        if (SendParallelism is < 1 or > 64)
        {
            problems.Add(string.Create(c, $"send parallelism {SendParallelism}: the sender accepts 1–64."));
        }

        if (BatchSize is < 1 or > 10000)
        {
            problems.Add(string.Create(c, $"batch size {BatchSize}: an SQS batch is 1–10000 messages."));
        }

        if (!(BulkShare is >= 0 and <= 1))
        {
            problems.Add(string.Create(c, $"bulk share {BulkShare}: a fraction from 0 to 1."));
        }

        if (!(DatabaseRoundTripMs >= 0) || !double.IsFinite(DatabaseRoundTripMs))
        {
            problems.Add(string.Create(c, $"database round trip {DatabaseRoundTripMs} ms: must be ≥ 0."));
        }

        return problems;
    }
}
