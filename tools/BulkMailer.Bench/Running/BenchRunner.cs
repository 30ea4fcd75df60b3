using System.Globalization;
using Amazon.SQS;
using BulkMailer.Bench.Variants;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Core.Jobs;
using BulkMailer.Deployment.Options;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalLambda.Runs;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;

namespace BulkMailer.Bench.Running;

/// <summary>
/// Runs the same job set through the same sender handler at the same concurrency, once per data-access variant,
/// one after the other on one local stack whose PostgreSQL has a small max_connections. Everything a variant
/// leaves behind (environments, leaked connections) is torn down before the next one starts.
/// </summary>
public static class BenchRunner
{
    /// <summary>PostgreSQL's superuser_reserved_connections default: slots ordinary clients cannot take.</summary>
    public const int ReservedSlots = 3;

    /// <summary>The non-superuser role the bench senders log in as.</summary>
    private const string FunctionRole = "bulkmailer_app";

    public static async Task<BenchReport> RunAsync(BenchOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var work = Directory.CreateTempSubdirectory("bulkmailer-bench-").FullName;
        progress?.Report("starting PostgreSQL, fauxqs and aws-ses-v2-local; publishing the bench sender");
        var publishing = options.SenderExecutable is { } prebuilt
            ? Task.FromResult(prebuilt)
            : FunctionPublisher.PublishAsync("tools/BulkMailer.BenchSender", Path.Combine(work, "sender"), aot: false, cancellationToken, "bulkmailer-bench-sender");
        await using var stack = await LocalServerSet.StartAsync(new LocalServerSetOptions
        {
            Postgres = new PostgresOptions { MaxConnections = options.MaxConnections },
        }, cancellationToken).ConfigureAwait(false);
        var executable = await publishing.ConfigureAwait(false);

        var results = new List<VariantResult>();
        foreach (var variant in options.Variants)
        {
            progress?.Report($"{variant}: running {options.Jobs} jobs");
            results.Add(await RunVariantAsync(variant, options, stack, executable, work, progress, cancellationToken).ConfigureAwait(false));
        }
        return new BenchReport
        {
            Options = options,
            ConnectionLimit = options.MaxConnections - ReservedSlots,
            Results = results,
            StartedAt = started,
            ProcessorCount = Environment.ProcessorCount,
        };
    }

    private static async Task<VariantResult> RunVariantAsync(
        string variant, BenchOptions options, LocalServerSet stack, string executable, string work, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var deployment = await LocalDeployment.CreateAsync(new LocalDeploymentOptions
        {
            Stack = stack,
            Database = $"bench_{variant.Replace('-', '_')}",
            Prefix = $"bench-{variant}",
            Deployment = DeploymentOptions.Default with
            {
                Sender = DeploymentOptions.DefaultSender with
                {
                    BatchSize = options.BatchSize,
                    ReservedConcurrency = options.Concurrency,
                    MaxConcurrency = options.Concurrency,
                    VisibilityTimeoutSeconds = (int)options.VisibilityTimeout.TotalSeconds,
                    MaxReceiveCount = options.MaxReceiveCount,
                },
            },
            SenderName = $"bench-{variant}",
            SenderExecutable = Task.FromResult(executable),
            Environment = new Dictionary<string, string>
            {
                [BenchVariant.EnvironmentVariable] = variant,
                ["BULKMAILER_LOG_LEVEL"] = "warn",
            },
            FunctionRole = FunctionRole,
            CountRoundTrips = true,
            LogDirectory = Path.Combine(work, "logs", variant),
        }, cancellationToken).ConfigureAwait(false);
        var queues = deployment.Queues;
        await ClearSesStoreAsync(stack.Ses!.Endpoint, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(deployment.Sqs, queues.MailJobsUrl, stack.Fauxqs!.Endpoint, variant, options.Jobs, cancellationToken).ConfigureAwait(false);

        long completed = 0, inDlq = 0;
        await deployment.StartAsync(cancellationToken).ConfigureAwait(false);
        // Over when every job is final or dead-lettered and the queue is empty.
        var settled = await deployment.SettleAsync(async (counts, token) =>
        {
            completed = counts.Final;
            inDlq = await deployment.DepthAsync(queues.MailJobsDlqUrl, token).ConfigureAwait(false);
            if (completed + inDlq >= options.Jobs && await deployment.DepthAsync(queues.MailJobsUrl, token).ConfigureAwait(false) == 0)
            {
                return true;
            }
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{variant}: {completed}/{options.Jobs} final, {inDlq} in DLQ, {deployment.Sampler.Samples.LastOrDefault()?.Total ?? 0} connections"));
            return false;
        }, options.VariantTimeout - deployment.Elapsed, cancellationToken).ConfigureAwait(false);
        await deployment.StopAsync().ConfigureAwait(false);

        var (accepted, distinct) = await SesAcceptedAsync(stack.Ses.Endpoint, variant, cancellationToken).ConfigureAwait(false);
        var function = deployment.Sender;
        var sampler = deployment.Sampler;
        var durations = function.SucceededDurations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return new VariantResult
        {
            Variant = variant,
            Jobs = options.Jobs,
            Completed = completed,
            InDlq = inDlq,
            Pending = Math.Max(0, options.Jobs - completed - inDlq),
            Duplicated = accepted - distinct,
            JobsPerSecond = deployment.SentTimeline.Rate,
            PeakConnections = sampler.Peak,
            MeanConnections = sampler.Mean,
            ConnectionErrors = function.ErrorResponses.Count(IsTooManyClients),
            FailedInvocations = function.Errors,
            RoundTripsPerJob = completed > 0 ? (double)deployment.Counter!.RoundTrips / completed : 0,
            P50BatchMs = Percentile(durations, 0.50),
            P95BatchMs = Percentile(durations, 0.95),
            DurationSeconds = deployment.Elapsed.TotalSeconds,
            TimedOut = !settled,
            Samples = sampler.Samples,
        };
    }

    private static bool IsTooManyClients(string error) =>
        error.Contains("53300", StringComparison.Ordinal) || error.Contains("too many clients", StringComparison.OrdinalIgnoreCase);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task EnqueueAsync(IAmazonSQS sqs, string queueUrl, Uri endpoint, string variant, int jobs, CancellationToken cancellationToken)
    {
        using var client = new BulkMailerClient(new BulkMailerClientOptions { QueueUrl = queueUrl, ServiceUrl = endpoint.ToString(), Region = LocalServerSet.Region }, sqs);
        var summary = await client.EnqueueAsync(Jobs(variant, jobs), (_, _) => ValueTask.CompletedTask, cancellationToken).ConfigureAwait(false);
        if (summary.Enqueued != jobs)
        {
            throw new InvalidOperationException($"bench job set did not enqueue cleanly: {summary}");
        }
    }

    private static async IAsyncEnumerable<MailJob> Jobs(string variant, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return new MailJob
            {
                JobId = string.Create(CultureInfo.InvariantCulture, $"bench/{variant}/{i:000000}"),
                CampaignId = "bench",
                From = "bench@acme.example",
                To = string.Create(CultureInfo.InvariantCulture, $"r{i}.{variant}@example.com"),
                Subject = "Benchmark",
                Text = "Same job set for every variant.",
            };
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static async Task ClearSesStoreAsync(Uri sesEndpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(sesEndpoint, "/clear-store"), null, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(long Accepted, long Distinct)> SesAcceptedAsync(Uri sesEndpoint, string variant, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var mails = StoredMail.ParseStore(await http.GetStringAsync(new Uri(sesEndpoint, "/store"), cancellationToken).ConfigureAwait(false));
        var recipients = mails.SelectMany(m => m.Recipients).Where(r => r.Contains($".{variant}@", StringComparison.Ordinal)).ToList();
        return (recipients.Count, recipients.Distinct(StringComparer.OrdinalIgnoreCase).LongCount());
    }
}
