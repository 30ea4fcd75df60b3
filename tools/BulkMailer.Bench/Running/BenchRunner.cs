using System.Globalization;
using BulkMailer.Bench.Reporting;
using BulkMailer.Bench.Variants;
using BulkMailer.Core.Jobs;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Runs;
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
        progress?.Report($"starting PostgreSQL, fauxqs and aws-ses-v2-local; publishing the bench sender ({(options.NativeAot ? "Native AOT, as deployed" : "JIT")})");
        var publishing = options.SenderExecutable is { } prebuilt
            ? Task.FromResult(prebuilt)
            : FunctionPublisher.PublishAsync("tools/BulkMailer.BenchSender", Path.Combine(work, "sender"), options.NativeAot, cancellationToken, "bulkmailer-bench-sender", "BenchSenderNativeAot");
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
            Deployment = LocalDeploymentOptions.SenderDeployment(options.BatchSize, options.Concurrency, (int)options.VisibilityTimeout.TotalSeconds, options.MaxReceiveCount),
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
        await deployment.SesStore.ClearAsync(cancellationToken).ConfigureAwait(false);
        var summary = await deployment.MailJobs.EnqueueAsync(Jobs(variant, options.Jobs), cancellationToken).ConfigureAwait(false);
        if (summary.Enqueued != options.Jobs)
        {
            throw new InvalidOperationException($"bench job set did not enqueue cleanly: {summary}");
        }

        long completed = 0, inDlq = 0;
        var cpu = new ProcessCpuProbe(stack.Postgres.Port, () => deployment.Sender.CpuTicks);
        var cpuAtStart = cpu.Read();
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
        var duration = deployment.Elapsed;
        var cpuAtEnd = cpu.Read();
        await deployment.StopAsync().ConfigureAwait(false);

        var recipients = (await deployment.SesStore.MailsAsync(cancellationToken).ConfigureAwait(false))
            .SelectMany(m => m.Recipients).Where(r => r.Contains($".{variant}@", StringComparison.Ordinal)).ToList();
        var function = deployment.Sender;
        var sampler = deployment.Sampler;
        var durations = function.SucceededDurations.Select(d => d.TotalMilliseconds).Order().ToArray();
        var account = new GoodputAccount
        {
            Jobs = options.Jobs,
            Final = completed,
            InDlq = inDlq,
            DuplicatedJobs = GoodputAccount.CountDuplicatedJobs(recipients),
            Duration = duration,
        };
        var cpuUsage = CpuUsage.Between(cpuAtStart, cpuAtEnd, ProcStat.TicksPerSecond, account.Good, duration, Environment.ProcessorCount);
        return new VariantResult
        {
            Variant = variant,
            Jobs = options.Jobs,
            Completed = completed,
            InDlq = inDlq,
            Pending = account.Pending,
            Duplicated = recipients.Count - recipients.Distinct(StringComparer.OrdinalIgnoreCase).LongCount(),
            Good = account.Good,
            GoodputPerSecond = account.GoodputPerSecond,
            SettledPerSecond = account.SettledPerSecond,
            SentPerSecond = deployment.SentTimeline.Rate,
            PeakConnections = sampler.Peak,
            MeanConnections = sampler.Mean,
            ConnectionErrors = function.ErrorResponses.Count(IsTooManyClients),
            FailedInvocations = function.Errors,
            RoundTripsPerJob = completed > 0 ? (double)deployment.Counter!.RoundTrips / completed : 0,
            P50BatchMs = NearestRankPercentile.Of(durations, 0.50),
            P95BatchMs = NearestRankPercentile.Of(durations, 0.95),
            DurationSeconds = duration.TotalSeconds,
            TimedOut = !settled,
            CpuMsPerJob = cpuUsage.FunctionMillisecondsPerJob,
            Cpu = cpuUsage,
            Samples = sampler.Samples,
        };
    }

    private static bool IsTooManyClients(string error) =>
        error.Contains("53300", StringComparison.Ordinal) || error.Contains("too many clients", StringComparison.OrdinalIgnoreCase);

    /// <summary>The bench's job set for one run: SendEmail jobs whose recipients carry <paramref name="variant"/> (<c>r{i}.{variant}@example.com</c>).</summary>
    internal static IEnumerable<MailJob> Jobs(string variant, int count)
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
    }
}
