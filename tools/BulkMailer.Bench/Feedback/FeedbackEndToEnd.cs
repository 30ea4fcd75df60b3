using System.Globalization;
using BulkMailer.Deployment.Options;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalLambda.Sns;
using BulkMailer.LocalServers;

namespace BulkMailer.Bench.Feedback;

/// <summary>
/// The feedback path as deployed, on the local stack: the jobs seeded, every SES event published to the SNS topic
/// (SNS-enveloped onto the feedback queue on fauxqs) before anything runs, then the real feedback function under
/// the local Lambda service with one environment (one connection) and the given batch size, until every event is
/// in <c>mail_event</c>. Per batch, the function's own EMF line says how many events and round trips it took.
/// </summary>
public static class FeedbackEndToEnd
{
    public const string Mode = "end to end";
    private const string FunctionName = "bench-feedback";
    private const int PublishParallelism = 8;
    private static readonly TimeSpan QueueFillLimit = TimeSpan.FromSeconds(60);

    public static async Task<FeedbackScenarioResult> RunAsync(
        LocalServerSet stack, string executable, FeedbackBenchData data, int batchSize, FeedbackBenchOptions options, string work, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var window = batchSize > 10 ? options.BatchingWindow : TimeSpan.Zero;
        var logs = Path.Combine(work, "logs", string.Create(CultureInfo.InvariantCulture, $"feedback-{batchSize}"));
        var deployment = await LocalDeployment.CreateAsync(new LocalDeploymentOptions
        {
            Stack = stack,
            Database = string.Create(CultureInfo.InvariantCulture, $"feedback_b{batchSize}"),
            Prefix = string.Create(CultureInfo.InvariantCulture, $"bench-feedback-{batchSize}"),
            Deployment = Deployment(batchSize, window),
            // Nothing is enqueued for the sender, so no sender environment ever starts: the feedback bootstrap
            // only fills the harness's required sender path.
            SenderName = "bench-feedback-idle-sender",
            SenderExecutable = Task.FromResult(executable),
            FeedbackName = FunctionName,
            FeedbackExecutable = Task.FromResult(executable),
            Environment = new Dictionary<string, string> { ["BULKMAILER_LOG_LEVEL"] = "warn" },
            FunctionRole = "bulkmailer_app",
            LogDirectory = logs,
        }, cancellationToken).ConfigureAwait(false);
        FeedbackIngestAccount account;
        bool settled;
        int peak;
        await using (deployment.ConfigureAwait(false))
        {
            await data.SeedAsync(deployment.Db, cancellationToken).ConfigureAwait(false);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"feedback batch {batchSize}: {data.Jobs} jobs seeded; publishing {data.Plan.Count} SES events to the topic"));
            await PublishAsync(deployment.Sns, deployment.Queues.TopicArn, data, cancellationToken).ConfigureAwait(false);
            await WaitForQueueAsync(deployment, data.Plan.Count, cancellationToken).ConfigureAwait(false);

            var ingestedAt = TimeSpan.Zero;
            await deployment.StartAsync(cancellationToken).ConfigureAwait(false);
            settled = await deployment.SettleAsync(async (_, token) =>
            {
                var counts = await deployment.Progress.CountEventsAsync(token).ConfigureAwait(false);
                if (counts.Rows < data.Plan.Count)
                {
                    ingestedAt = deployment.Elapsed;
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"feedback batch {batchSize}: {counts.Rows}/{data.Plan.Count} events ingested"));
                    return false;
                }
                ingestedAt = deployment.Elapsed;
                return await deployment.DepthAsync(deployment.Queues.FeedbackUrl, token).ConfigureAwait(false) == 0;
            }, options.Timeout, cancellationToken).ConfigureAwait(false);
            await deployment.StopAsync().ConfigureAwait(false);
            var final = await deployment.Progress.CountEventsAsync(cancellationToken).ConfigureAwait(false);
            peak = deployment.Sampler.Peak;
            account = new FeedbackIngestAccount
            {
                Events = data.Plan.Count,
                Rows = final.Rows,
                DistinctKeys = final.DistinctKeys,
                Matched = final.Matched,
                Duration = ingestedAt,
                Batches = [],
            };
        }
        // The environments' logs are complete (and readable) once the deployment is gone.
        account = account with { Batches = ReadBatches(logs) };
        return FeedbackScenarioResult.From(Mode, batchSize, account, peak, !settled, window.TotalSeconds);
    }

    /// <summary>The feedback function's per-batch metrics from its environments' logs.</summary>
    public static IReadOnlyList<FeedbackBatchSample> ReadBatches(string logDirectory) =>
        Directory.Exists(logDirectory)
            ? [.. Directory.EnumerateFiles(logDirectory, $"{FunctionName}-*.log").Order(StringComparer.Ordinal)
                .SelectMany(File.ReadLines).Select(FeedbackBatchSample.FromEmfLine).OfType<FeedbackBatchSample>()]
            : [];

    /// <summary>The deployed feedback settings with one environment (one connection) and the bench's batching.</summary>
    private static DeploymentOptions Deployment(int batchSize, TimeSpan window) => DeploymentOptions.Default with
    {
        Sender = DeploymentOptions.DefaultSender with { ReservedConcurrency = 1, MaxConcurrency = 1 },
        Feedback = DeploymentOptions.DefaultFeedback with
        {
            BatchSize = batchSize,
            MaxBatchingWindowSeconds = (int)Math.Ceiling(window.TotalSeconds),
            ReservedConcurrency = 1,
            MaxConcurrency = 1,
        },
    };

    private static Task PublishAsync(SnsQueryClient sns, string topicArn, FeedbackBenchData data, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(data.EventJson().Chunk(SnsQueryClient.MaxBatchEntries),
            new ParallelOptions { MaxDegreeOfParallelism = PublishParallelism, CancellationToken = cancellationToken },
            async (batch, token) => await sns.PublishBatchAsync(topicArn, batch, token).ConfigureAwait(false));

    /// <summary>SNS delivers to the queue on its own time: the run starts only once every event is on it.</summary>
    private static async Task WaitForQueueAsync(LocalDeployment deployment, int events, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        long depth;
        while ((depth = await deployment.DepthAsync(deployment.Queues.FeedbackUrl, cancellationToken).ConfigureAwait(false)) < events)
        {
            if (waited.Elapsed > QueueFillLimit)
            {
                throw new InvalidOperationException($"only {depth} of {events} SES events reached the feedback queue");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }
}
