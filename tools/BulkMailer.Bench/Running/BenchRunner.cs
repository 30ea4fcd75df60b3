using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using BulkMailer.Bench.Variants;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Deployment.Options;
using BulkMailer.Core.Jobs;
using BulkMailer.Data.Migrations;
using BulkMailer.LocalLambda.Environments;
using BulkMailer.LocalLambda.EventSources;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Runs;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalLambda.Sns;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using Npgsql;

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
        var credentials = new BasicAWSCredentials("local", "local");
        using var sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = stack.Fauxqs!.Endpoint.ToString(), AuthenticationRegion = LocalServerSet.Region });
        using var sns = new SnsQueryClient(stack.Fauxqs.Endpoint, credentials, LocalServerSet.Region);

        var results = new List<VariantResult>();
        foreach (var variant in options.Variants)
        {
            progress?.Report($"{variant}: running {options.Jobs} jobs");
            results.Add(await RunVariantAsync(variant, options, stack, sqs, sns, executable, work, progress, cancellationToken).ConfigureAwait(false));
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
        string variant, BenchOptions options, LocalServerSet stack, IAmazonSQS sqs, SnsQueryClient sns, string executable, string work,
        IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var db = await stack.Postgres.CreateDatabaseAsync($"bench_{variant.Replace('-', '_')}", cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        // The functions log in as an ordinary role, as on RDS: the superuser-reserved slots are not theirs.
        await ExecuteAsync(db, $"""
            do $$ begin if not exists (select from pg_roles where rolname = '{FunctionRole}') then create role {FunctionRole} login; end if; end $$;
            grant all on all tables in schema public to {FunctionRole};
            grant all on all sequences in schema public to {FunctionRole};
            """, cancellationToken).ConfigureAwait(false);
        await using var counter = new PgRoundTripCounter(stack.Postgres.Port);
        var deployment = DeploymentOptions.Default with
        {
            Sender = DeploymentOptions.DefaultSender with
            {
                BatchSize = options.BatchSize,
                ReservedConcurrency = options.Concurrency,
                MaxConcurrency = options.Concurrency,
                VisibilityTimeoutSeconds = (int)options.VisibilityTimeout.TotalSeconds,
                MaxReceiveCount = options.MaxReceiveCount,
            },
        };
        var queues = await LocalInfrastructure.CreateAsync(sqs, sns, deployment, $"bench-{variant}", cancellationToken).ConfigureAwait(false);
        await ClearSesStoreAsync(stack.Ses!.Endpoint, cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(sqs, queues.MailJobsUrl, stack.Fauxqs!.Endpoint, variant, options.Jobs, cancellationToken).ConfigureAwait(false);

        var environment = new Dictionary<string, string>(stack.AwsEnvironment())
        {
            ["BULKMAILER_DB"] = new NpgsqlConnectionStringBuilder(db) { Port = counter.Port, Username = FunctionRole }.ConnectionString,
            [BenchVariant.EnvironmentVariable] = variant,
            ["BULKMAILER_LOG_LEVEL"] = "warn",
        };
        var sampler = new ConnectionSampler(db);
        var clock = Stopwatch.StartNew();
        var throughput = new ThroughputTimeline();
        long completed = 0, inDlq = 0;
        var timedOut = true;
        await using (var function = new LocalFunction(new FunctionDefinition
        {
            Name = $"bench-{variant}",
            Executable = executable,
            Environment = environment,
            Timeout = TimeSpan.FromSeconds(deployment.Sender.TimeoutSeconds),
            ReservedConcurrency = options.Concurrency,
            LogDirectory = Path.Combine(work, "logs", variant),
        }))
        {
            var mapping = new SqsEventSourceMapping(sqs, queues.MailJobsUrl, queues.MailJobsArn, function,
                new EventSourceSettings { BatchSize = options.BatchSize, MaxConcurrency = options.Concurrency });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await sampler.StartAsync(cancellationToken).ConfigureAwait(false);
            var polling = mapping.RunAsync(stop.Token);
            await using (var observer = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = ConnectionSampler.ApplicationName }.ConnectionString))
            {
                await observer.OpenAsync(cancellationToken).ConfigureAwait(false);
                while (clock.Elapsed < options.VariantTimeout)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    (completed, var sent) = await CountAsync(observer, cancellationToken).ConfigureAwait(false);
                    throughput.Observe(sent, clock.Elapsed);
                    inDlq = await LocalInfrastructure.DepthAsync(sqs, queues.MailJobsDlqUrl, cancellationToken).ConfigureAwait(false);
                    if (completed + inDlq >= options.Jobs && await LocalInfrastructure.DepthAsync(sqs, queues.MailJobsUrl, cancellationToken).ConfigureAwait(false) == 0)
                    {
                        timedOut = false;
                        break;
                    }
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"{variant}: {completed}/{options.Jobs} final, {inDlq} in DLQ, {sampler.Samples.LastOrDefault()?.Total ?? 0} connections"));
                    await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                }
            }
            await stop.CancelAsync().ConfigureAwait(false);
            await polling.ConfigureAwait(false);
            await sampler.StopAsync().ConfigureAwait(false);
            var (accepted, distinct) = await SesAcceptedAsync(stack.Ses.Endpoint, variant, cancellationToken).ConfigureAwait(false);
            var durations = function.SucceededDurations.Select(d => d.TotalMilliseconds).Order().ToArray();
            var result = new VariantResult
            {
                Variant = variant,
                Jobs = options.Jobs,
                Completed = completed,
                InDlq = inDlq,
                Pending = Math.Max(0, options.Jobs - completed - inDlq),
                Duplicated = accepted - distinct,
                JobsPerSecond = throughput.Rate,
                PeakConnections = sampler.Peak,
                MeanConnections = sampler.Mean,
                ConnectionErrors = function.ErrorResponses.Count(IsTooManyClients),
                FailedInvocations = function.Errors,
                RoundTripsPerJob = completed > 0 ? (double)counter.RoundTrips / completed : 0,
                P50BatchMs = Percentile(durations, 0.50),
                P95BatchMs = Percentile(durations, 0.95),
                DurationSeconds = clock.Elapsed.TotalSeconds,
                TimedOut = timedOut,
                Samples = sampler.Samples,
            };
            await sampler.DisposeAsync().ConfigureAwait(false);
            return result;
        }
    }

    private static async Task ExecuteAsync(string db, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = ConnectionSampler.ApplicationName }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTooManyClients(string error) =>
        error.Contains("53300", StringComparison.Ordinal) || error.Contains("too many clients", StringComparison.OrdinalIgnoreCase);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<(long Completed, long Sent)> CountAsync(NpgsqlConnection observer, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select count(*) filter (where status <> 'sending'), count(*) filter (where ses_message_id is not null) from mail_message", observer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

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
