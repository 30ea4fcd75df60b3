using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;
using BulkMailer.Lambda.Configuration;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Reporting;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.LocalServers.Ses;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>
/// The whole pipeline on one machine (docs/contract.md): both functions published and deployed on the local stack by
/// <see cref="LocalDeployment"/> as the CDK app deploys them, a sample campaign enqueued through the client library,
/// SES feedback played back through SNS, and a report once every job is settled. Everything it starts is stopped on
/// the way out, also on cancellation.
/// </summary>
public static class LocalRun
{
    private const string ConfigurationSet = "bulkmailer-events";

    /// <summary>
    /// SES's events are played back once a mail is this old: the emulator keeps no job tag, so an event that overtook
    /// the sender's record would find no job and the job would never settle (seen at 20 000 jobs on a loaded machine).
    /// </summary>
    private static readonly TimeSpan SesFeedbackDelay = TimeSpan.FromSeconds(3);

    public static async Task<LocalRunResult> RunAsync(LocalRunOptions options, IProgress<LocalRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }
        if (options.WorkDirectory is { } given)
        {
            return await RunInAsync(options, given, progress, cancellationToken).ConfigureAwait(false);
        }
        // A temp work folder (published code, function logs) goes with the run, like everything else it started.
        var work = Directory.CreateTempSubdirectory("bulkmailer-local-").FullName;
        try
        {
            return await RunInAsync(options, work, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by an exiting process: the OS temp cleaner takes it later.
            }
        }
    }

    private static async Task<LocalRunResult> RunInAsync(LocalRunOptions options, string work, IProgress<LocalRunProgress>? progress, CancellationToken cancellationToken)
    {
        var campaign = new SampleCampaign(options.Jobs);
        void Report(string stage, long final = 0, long sent = 0, int connections = 0) =>
            progress?.Report(new LocalRunProgress(stage, (int)final, campaign.DistinctJobs, sent, connections));

        // One stage for both: the stack starts while the functions publish.
        Report("starting PostgreSQL, fauxqs and aws-ses-v2-local; publishing the sender and feedback functions");
        // Sequential on purpose: two parallel publishes on 2 cores are slower than one after the other.
        var senderCode = PublishAsync(options.SenderExecutable, "src/BulkMailer.Sender.Bootstrap", Path.Combine(work, "sender"), options.NativeAot, Task.CompletedTask, cancellationToken);
        var feedbackCode = PublishAsync(options.FeedbackExecutable, "src/BulkMailer.Feedback.Bootstrap", Path.Combine(work, "feedback"), options.NativeAot, senderCode, cancellationToken);
        await using var deployment = await LocalDeployment.CreateAsync(new LocalDeploymentOptions
        {
            StackOptions = new LocalServerSetOptions
            {
                Postgres = new PostgresOptions { MaxConnections = 100, IdleSessionTimeout = options.IdleSessionTimeout },
            },
            Database = "bulkmailer",
            Prefix = "bulkmailer",
            Deployment = Deployment(options),
            SenderName = "bulkmailer-sender",
            SenderExecutable = senderCode,
            FeedbackName = "bulkmailer-feedback",
            FeedbackExecutable = feedbackCode,
            Environment = new Dictionary<string, string> { ["BULKMAILER_CONFIGURATION_SET"] = ConfigurationSet },
            SenderEnvironment = options.SesMaxSendRate > 0
                ? new Dictionary<string, string> { [FunctionVariables.AccountSendRate] = options.SesMaxSendRate.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
            SesAccount = options.UsesSesFront ? new SesAccountLimits { MaxSendRate = options.SesMaxSendRate, Latency = options.SesLatency } : null,
            LogDirectory = Path.Combine(work, "logs"),
            RecycleAfterIdle = options.RecycleAfterIdle,
            SesFeedbackConfigurationSet = ConfigurationSet,
            SesFeedbackDelay = SesFeedbackDelay,
        }, cancellationToken).ConfigureAwait(false);
        var queues = deployment.Queues;
        await deployment.SesStore.CreateTemplateAsync(SampleCampaign.TemplateName, SampleCampaign.TemplateSubject, SampleCampaign.TemplateText, cancellationToken).ConfigureAwait(false);

        var cpu = new ProcessCpuProbe(deployment.Stack.Postgres.Port, () => deployment.Sender.CpuTicks + deployment.Feedback!.CpuTicks);
        var cpuAtStart = cpu.Read();
        var functionTicksAtStart = (Sender: deployment.Sender.CpuTicks, Feedback: deployment.Feedback!.CpuTicks);
        await deployment.StartAsync(cancellationToken).ConfigureAwait(false);
        bool settled;
        try
        {
            Report("enqueueing the sample campaign");
            // Polled from the start, not after enqueueing: the sender starts on the first jobs while the rest are still
            // being enqueued, and the progress timeline (sending time, the chart's jobs panel) must see that.
            var enqueued = 0;
            using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // Over when every job is enqueued and settled (a sent mail still waits for SES's verdict) and both queues are empty.
            var settling = deployment.SettleAsync(async (counts, token) =>
            {
                var samples = deployment.Sampler.Samples;
                Report("sending and ingesting feedback", counts.Settled, counts.SentBySes, samples.Count > 0 ? samples[^1].Total : 0);
                return Volatile.Read(ref enqueued) == 1
                    && counts.Settled == campaign.DistinctJobs
                    && await deployment.DepthAsync(queues.MailJobsUrl, token).ConfigureAwait(false) == 0
                    && await deployment.DepthAsync(queues.FeedbackUrl, token).ConfigureAwait(false) == 0;
            }, options.Timeout, polling.Token);
            try
            {
                await EnqueueAsync(deployment.MailJobs, campaign, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await polling.CancelAsync().ConfigureAwait(false);
                await settling.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }
            Volatile.Write(ref enqueued, 1);
            settled = await settling.ConfigureAwait(false);
        }
        finally
        {
            await deployment.StopAsync().ConfigureAwait(false);
        }

        Report("writing the report");
        var duration = deployment.Elapsed;
        var cpuAtEnd = cpu.Read();
        var sampler = deployment.Sampler;
        var progressSamples = deployment.ProgressTimeline.Samples;
        var times = SettleTimes.From(progressSamples, campaign.DistinctJobs);
        var report = new RunReport
        {
            JobsByStatus = await deployment.Progress.CountByStatusAsync(cancellationToken).ConfigureAwait(false),
            SentPerSecond = deployment.SentTimeline.Rate,
            Duration = duration,
            PeakConnections = sampler.Peak,
            MeanConnections = sampler.Mean,
            Functions = new Dictionary<string, FunctionRunStats>
            {
                ["sender"] = new(options.SenderConcurrency, deployment.Sender.Invocations, deployment.Sender.ColdStarts),
                ["feedback"] = new(options.FeedbackConcurrency, deployment.Feedback!.Invocations, deployment.Feedback.ColdStarts),
            },
            DlqDepths = new Dictionary<string, long>
            {
                ["mail-jobs-dlq"] = await deployment.DepthAsync(queues.MailJobsDlqUrl, cancellationToken).ConfigureAwait(false),
                ["ses-feedback-dlq"] = await deployment.DepthAsync(queues.FeedbackDlqUrl, cancellationToken).ConfigureAwait(false),
            },
            FeedbackEventsPublished = deployment.Simulator!.PublishedByKind.ToDictionary(k => k.Key.ToString(), k => k.Value),
            ConnectionSamples = sampler.Samples,
            ProgressSamples = progressSamples,
            SendingSeconds = times.Sending?.TotalSeconds,
            SettleSeconds = times.Settle?.TotalSeconds,
            Cpu = CpuUsage.Between(cpuAtStart, cpuAtEnd, ProcStat.TicksPerSecond, campaign.DistinctJobs, duration, Environment.ProcessorCount),
            FunctionCpuMilliseconds = new Dictionary<string, double>
            {
                ["sender"] = CpuMilliseconds(deployment.Sender.CpuTicks - functionTicksAtStart.Sender),
                ["feedback"] = CpuMilliseconds(deployment.Feedback.CpuTicks - functionTicksAtStart.Feedback),
            },
            AccountRate = deployment.SesFront is { } front ? AccountRateReport.Measure(front, PredictedRate(options), deployment.Sender.SucceededDurations) : null,
        };
        var mails = await deployment.SesStore.MailsAsync(cancellationToken).ConfigureAwait(false);
        if (options.ReportDirectory is { } reportDirectory)
        {
            await RunReportWriter.WriteAsync(report, reportDirectory, cancellationToken).ConfigureAwait(false);
        }
        return new LocalRunResult(
            report,
            campaign.ExpectedStatuses(),
            mails.Count,
            mails.SelectMany(m => m.Recipients).Select(t => t.ToLowerInvariant()).Distinct().LongCount(),
            await deployment.Progress.SuppressedEmailsAsync(cancellationToken).ConfigureAwait(false),
            await deployment.Progress.BouncedOrComplainedRecipientsAsync(cancellationToken).ConfigureAwait(false),
            settled);
    }

    private static double CpuMilliseconds(long ticks) => Math.Max(0, ticks) * 1000.0 / ProcStat.TicksPerSecond;

    /// <summary>
    /// What <c>bulkmailer budget</c>'s model predicts for the run's knobs: the front's latency, the sender's batch size,
    /// concurrency and default parallelism, the sample campaign's templated share in batches of their own, capped by the
    /// account rate; null without a latency to model.
    /// </summary>
    public static double? PredictedRate(LocalRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SesLatency <= TimeSpan.Zero)
        {
            return null;
        }
        var input = new SenderThroughputInput { SesLatencyMs = options.SesLatency.TotalMilliseconds, BatchSize = options.BatchSize };
        return SendRatePlanner.ExpectedRate(options.SesMaxSendRate, options.SenderConcurrency, SenderThroughput.RateOfSeparateBatches(input, SampleCampaign.TemplatedShareOfSends));
    }

    /// <summary>The deployed defaults with the run's concurrency and batching.</summary>
    private static DeploymentOptions Deployment(LocalRunOptions options) => DeploymentOptions.Default with
    {
        Sender = DeploymentOptions.DefaultSender with
        {
            BatchSize = options.BatchSize,
            MaxBatchingWindowSeconds = (int)Math.Ceiling(options.BatchingWindow.TotalSeconds),
            ReservedConcurrency = options.SenderConcurrency,
            MaxConcurrency = options.SenderConcurrency,
        },
        Feedback = DeploymentOptions.DefaultFeedback with { ReservedConcurrency = options.FeedbackConcurrency, MaxConcurrency = options.FeedbackConcurrency },
    };

    private static async Task<string> PublishAsync(string? prebuilt, string project, string output, bool aot, Task after, CancellationToken cancellationToken)
    {
        if (prebuilt is not null)
        {
            return prebuilt;
        }
        await after.ConfigureAwait(false);
        return await FunctionPublisher.PublishAsync(project, output, aot, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnqueueAsync(MailJobsQueue queue, SampleCampaign campaign, CancellationToken cancellationToken)
    {
        var summary = await queue.EnqueueAsync(campaign.ValidJobs(), cancellationToken).ConfigureAwait(false);
        if (summary.Failed > 0 || summary.Invalid > 0)
        {
            throw new InvalidOperationException($"the sample campaign did not enqueue cleanly: {summary}");
        }
        // A "buggy producer" that skips validation: these must end rejected, not lost and not retried.
        await queue.SendBodiesAsync(campaign.InvalidBodies(), cancellationToken).ConfigureAwait(false);
    }
}
