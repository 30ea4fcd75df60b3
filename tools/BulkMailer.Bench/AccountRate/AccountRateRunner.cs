using System.Globalization;
using BulkMailer.Bench.Running;
using BulkMailer.Deployment.Budget;
using BulkMailer.Lambda.Configuration;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Runs;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.LocalServers.Ses;

namespace BulkMailer.Bench.AccountRate;

/// <summary>
/// <c>bench --scenario account-rate</c>: the real sender at several concurrencies against one SES account rate,
/// enforced by an SES account front before the emulator, once per mode (<see cref="AccountRateMode"/>). Each run gets
/// its own database, queues and front on one local stack, and is torn down before the next.
/// </summary>
public static class AccountRateRunner
{
    public static async Task<AccountRateBenchReport> RunAsync(AccountRateOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }
        var started = DateTimeOffset.UtcNow;
        var work = Directory.CreateTempSubdirectory("bulkmailer-account-rate-").FullName;
        progress?.Report($"starting PostgreSQL, fauxqs and aws-ses-v2-local; publishing the sender ({(options.NativeAot ? "Native AOT" : "JIT")})");
        var publishing = options.SenderExecutable is { } prebuilt
            ? Task.FromResult(prebuilt)
            : FunctionPublisher.PublishAsync("src/BulkMailer.Sender.Bootstrap", Path.Combine(work, "sender"), options.NativeAot, cancellationToken);
        await using var stack = await LocalServerSet.StartAsync(new LocalServerSetOptions
        {
            Postgres = new PostgresOptions { MaxConnections = options.MaxConnections },
        }, cancellationToken).ConfigureAwait(false);
        var executable = await publishing.ConfigureAwait(false);

        var results = new List<AccountRateResult>();
        foreach (var concurrency in options.Concurrencies)
        {
            foreach (var mode in options.Modes)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{mode} at concurrency {concurrency}: {options.JobsPerRun} jobs against {options.AccountRate} mails/s"));
                AccountRateResult result;
                try
                {
                    result = await RunOnceAsync(mode, concurrency, options, stack, executable, Path.Combine(work, "logs", $"{mode}-{concurrency}"), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    // One run that breaks (an environment that does not start on a busy machine) is reported, not the end of the
                    // others; an interrupted bench (a signal) stops at once, whatever the cancellation broke on the way.
                    result = AccountRateResult.Broken(mode, concurrency, options, $"{error.GetType().Name}: {error.Message}");
                }
                results.Add(result);
                progress?.Report(string.Create(CultureInfo.InvariantCulture,
                    $"  {result.Outcome}: good {result.Good}, throttled {result.ThrottledCalls}, achieved {result.AchievedRate:0.0} mails/s (predicted {result.PredictedRate:0.0}), goodput {result.GoodputPerSecond:0.0} jobs/s, permit wait p95 {(result.PermitWaitP95Ms is { } p95 ? $"{p95:0} ms" : "–")}"));
            }
        }
        return new AccountRateBenchReport
        {
            Options = options,
            Results = results,
            StartedAt = started,
            ProcessorCount = Environment.ProcessorCount,
            ModelPerEnvironmentRate = SenderThroughput.Of(ModelInput(options)).PerEnvironmentRate,
        };
    }

    /// <summary>One mode at one concurrency, measured.</summary>
    public static async Task<AccountRateResult> RunOnceAsync(
        string mode, int concurrency, AccountRateOptions options, LocalServerSet stack, string senderExecutable, string logDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = string.Create(CultureInfo.InvariantCulture, $"{mode}-{concurrency}");
        await using var deployment = await LocalDeployment.CreateAsync(new LocalDeploymentOptions
        {
            Stack = stack,
            Database = "rate_" + name.Replace('-', '_'),
            Prefix = "rate-" + name,
            Deployment = LocalDeploymentOptions.SenderDeployment(options.BatchSize, concurrency, (int)options.VisibilityTimeout.TotalSeconds, options.MaxReceiveCount),
            SenderName = "rate-" + name,
            SenderExecutable = Task.FromResult(senderExecutable),
            Environment = new Dictionary<string, string>
            {
                ["BULKMAILER_LOG_LEVEL"] = "warn",
                // As the stack sets it: a throttled job waits one visibility timeout first, not the deployed 180 s.
                [FunctionVariables.HandBackFirstDelaySeconds] = ((int)options.VisibilityTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            },
            SenderEnvironment = AccountRateMode.SenderVariables(mode, options.AccountRate),
            SesAccount = new SesAccountLimits { MaxSendRate = options.AccountRate, Latency = options.SesLatency, AnswersGetAccount = AccountRateMode.AnswersGetAccount(mode) },
            LogDirectory = logDirectory,
        }, cancellationToken).ConfigureAwait(false);
        var queues = deployment.Queues;
        var summary = await deployment.MailJobs.EnqueueAsync(BenchRunner.Jobs(name, options.JobsPerRun), cancellationToken).ConfigureAwait(false);
        if (summary.Enqueued != options.JobsPerRun)
        {
            throw new InvalidOperationException($"the account-rate job set did not enqueue cleanly: {summary}");
        }

        long final = 0, inDlq = 0;
        await deployment.StartAsync(cancellationToken).ConfigureAwait(false);
        var settled = await deployment.SettleAsync(async (counts, token) =>
        {
            final = counts.Final;
            inDlq = await deployment.DepthAsync(queues.MailJobsDlqUrl, token).ConfigureAwait(false);
            return final + inDlq >= options.JobsPerRun && await deployment.DepthAsync(queues.MailJobsUrl, token).ConfigureAwait(false) == 0;
        }, options.RunTimeout, cancellationToken).ConfigureAwait(false);
        var duration = deployment.Elapsed;
        await deployment.StopAsync().ConfigureAwait(false);

        var front = deployment.SesFront!;
        var waits = SenderPermitWaitLog.Read(logDirectory);
        var recipients = (await deployment.SesStore.MailsAsync(cancellationToken).ConfigureAwait(false))
            .SelectMany(m => m.Recipients).Where(r => r.EndsWith($".{name}@example.com", StringComparison.Ordinal)).ToList();
        var account = new GoodputAccount
        {
            Jobs = options.JobsPerRun,
            Final = final,
            InDlq = inDlq,
            DuplicatedJobs = GoodputAccount.CountDuplicatedJobs(recipients),
            Duration = duration,
        };
        return new AccountRateResult
        {
            Mode = mode,
            Concurrency = concurrency,
            Jobs = options.JobsPerRun,
            Final = final,
            InDlq = inDlq,
            Pending = account.Pending,
            Duplicated = account.DuplicatedJobs,
            Good = account.Good,
            GoodputPerSecond = account.GoodputPerSecond,
            SendCalls = front.SendCalls,
            ThrottledCalls = front.RateRefusals,
            ThrottlesSeenBySenders = SenderThrottleLog.Count(logDirectory),
            AcceptedMails = front.AcceptedMails,
            AchievedRate = AcceptedMailRate.Of(front.AcceptedAt),
            AccountRate = options.AccountRate,
            PredictedRate = AccountRateMode.PredictedRate(mode, options.AccountRate, concurrency, ModelInput(options)),
            PermitWaitSamples = waits.Samples,
            PermitWaitP50Ms = waits.P50Ms,
            PermitWaitP95Ms = waits.P95Ms,
            PermitWaitMaxMs = waits.MaxMs,
            PeakConnections = deployment.Sampler.Peak,
            DurationSeconds = duration.TotalSeconds,
            TimedOut = !settled,
        };
    }

    /// <summary>The send-rate model's input for the run: the front's latency, the batch size, the sender's defaults, one SendEmail per job.</summary>
    public static SenderThroughputInput ModelInput(AccountRateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SenderThroughputInput { SesLatencyMs = options.SesLatency.TotalMilliseconds, BatchSize = options.BatchSize };
    }
}
