using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Deployment.Options;
using BulkMailer.Core.Jobs;
using BulkMailer.Data.Migrations;
using BulkMailer.LocalLambda.Environments;
using BulkMailer.LocalLambda.EventSources;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Reporting;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalLambda.Sns;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using Npgsql;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>
/// The whole pipeline on one machine (CONTRACT §1): local stack up, schema migrated, queues and topic created as
/// the CDK app creates them, both functions published and run as `bootstrap` processes under the local Lambda
/// service, a sample campaign enqueued through the client library, SES feedback played back through SNS, and a
/// report once every job is final. Everything it starts is stopped on the way out, also on cancellation.
/// </summary>
public static class LocalRun
{
    private const string Database = "bulkmailer";
    private const string ConfigurationSet = "bulkmailer-events";

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
        var deployment = DeploymentOptions.Default with
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

        void Report(string stage, int final = 0, long sent = 0, int connections = 0) =>
            progress?.Report(new LocalRunProgress(stage, final, campaign.DistinctJobs, sent, connections));

        Report("starting PostgreSQL, fauxqs and aws-ses-v2-local");
        var publishing = PublishAsync(options, work, cancellationToken);
        await using var stack = await LocalServerSet.StartAsync(new LocalServerSetOptions
        {
            Postgres = new PostgresOptions { MaxConnections = 100, IdleSessionTimeout = options.IdleSessionTimeout },
        }, cancellationToken).ConfigureAwait(false);
        var db = await stack.Postgres.CreateDatabaseAsync(Database, cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(db, cancellationToken).ConfigureAwait(false);

        var credentials = new BasicAWSCredentials("local", "local");
        using var sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = stack.Fauxqs!.Endpoint.ToString(), AuthenticationRegion = LocalServerSet.Region });
        using var sns = new SnsQueryClient(stack.Fauxqs.Endpoint, credentials, LocalServerSet.Region);
        var queues = await LocalInfrastructure.CreateAsync(sqs, sns, deployment, "bulkmailer", cancellationToken).ConfigureAwait(false);
        await CreateTemplateAsync(stack.Ses!.Endpoint, cancellationToken).ConfigureAwait(false);

        Report("publishing the sender and feedback functions");
        var (senderExecutable, feedbackExecutable) = await publishing.ConfigureAwait(false);
        var environment = new Dictionary<string, string>(stack.AwsEnvironment())
        {
            ["BULKMAILER_DB"] = db,
            ["BULKMAILER_CONFIGURATION_SET"] = ConfigurationSet,
        };
        await using var sender = new LocalFunction(Function("bulkmailer-sender", senderExecutable, deployment.Sender, environment, options, work));
        await using var feedback = new LocalFunction(Function("bulkmailer-feedback", feedbackExecutable, deployment.Feedback, environment, options, work));
        await using var sampler = new ConnectionSampler(db);
        using var simulator = new SesFeedbackSimulator(new SesFeedbackSimulatorOptions { SesEndpoint = stack.Ses.Endpoint, TopicArn = queues.TopicArn, ConfigurationSet = ConfigurationSet }, sns);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var senderMapping = new SqsEventSourceMapping(sqs, queues.MailJobsUrl, queues.MailJobsArn, sender, Mapping(deployment.Sender));
        var feedbackMapping = new SqsEventSourceMapping(sqs, queues.FeedbackUrl, queues.FeedbackArn, feedback, Mapping(deployment.Feedback));

        await sampler.StartAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var background = new[]
        {
            senderMapping.RunAsync(stop.Token),
            feedbackMapping.RunAsync(stop.Token),
            simulator.RunAsync(stop.Token),
            RecycleLoopAsync([sender, feedback], stop.Token),
        };
        var settled = false;
        var sentTimeline = new ThroughputTimeline();
        try
        {
            Report("enqueueing the sample campaign");
            await EnqueueAsync(sqs, queues.MailJobsUrl, stack.Fauxqs.Endpoint, campaign, cancellationToken).ConfigureAwait(false);

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Timeout);
            await using var observer = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = ConnectionSampler.ApplicationName }.ConnectionString);
            await observer.OpenAsync(cancellationToken).ConfigureAwait(false);
            while (!deadline.IsCancellationRequested)
            {
                var (final, sent) = await CountAsync(observer, cancellationToken).ConfigureAwait(false);
                sentTimeline.Observe(sent, clock.Elapsed);
                var samples = sampler.Samples;
                Report("sending and ingesting feedback", final, sent, samples.Count > 0 ? samples[^1].Total : 0);
                if (final == campaign.DistinctJobs
                    && await LocalInfrastructure.DepthAsync(sqs, queues.MailJobsUrl, cancellationToken).ConfigureAwait(false) == 0
                    && await LocalInfrastructure.DepthAsync(sqs, queues.FeedbackUrl, cancellationToken).ConfigureAwait(false) == 0)
                {
                    settled = true;
                    break;
                }
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The run's own timeout: report what there is.
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(background).ConfigureAwait(false);
            await sampler.StopAsync().ConfigureAwait(false);
        }

        Report("writing the report");
        var duration = clock.Elapsed;
        var report = new RunReport
        {
            JobsByStatus = await StatusCountsAsync(db, cancellationToken).ConfigureAwait(false),
            SentPerSecond = sentTimeline.Rate,
            Duration = duration,
            PeakConnections = sampler.Peak,
            MeanConnections = sampler.Mean,
            Functions = new Dictionary<string, FunctionRunStats>
            {
                ["sender"] = new(options.SenderConcurrency, sender.Invocations, sender.ColdStarts),
                ["feedback"] = new(options.FeedbackConcurrency, feedback.Invocations, feedback.ColdStarts),
            },
            DlqDepths = new Dictionary<string, long>
            {
                ["mail-jobs-dlq"] = await LocalInfrastructure.DepthAsync(sqs, queues.MailJobsDlqUrl, cancellationToken).ConfigureAwait(false),
                ["ses-feedback-dlq"] = await LocalInfrastructure.DepthAsync(sqs, queues.FeedbackDlqUrl, cancellationToken).ConfigureAwait(false),
            },
            FeedbackEventsPublished = simulator.PublishedByKind.ToDictionary(k => k.Key.ToString(), k => k.Value),
            ConnectionSamples = sampler.Samples,
        };
        var (accepted, distinct) = await SesStoreCountsAsync(stack.Ses.Endpoint, cancellationToken).ConfigureAwait(false);
        if (options.ReportDirectory is { } reportDirectory)
        {
            await RunReportWriter.WriteAsync(report, reportDirectory, cancellationToken).ConfigureAwait(false);
        }
        return new LocalRunResult(
            report,
            campaign.ExpectedStatuses(),
            accepted,
            distinct,
            await LinesAsync(db, "select email from suppression order by email", cancellationToken).ConfigureAwait(false),
            await LinesAsync(db, "select distinct lower(recipient) from mail_message where status in ('bounced', 'complained') order by 1", cancellationToken).ConfigureAwait(false),
            settled);
    }

    private static async Task<(string Sender, string Feedback)> PublishAsync(LocalRunOptions options, string work, CancellationToken cancellationToken)
    {
        // Sequential on purpose: two parallel publishes on 2 cores are slower than one after the other.
        var sender = options.SenderExecutable ?? await FunctionPublisher.PublishAsync("src/BulkMailer.Sender.Bootstrap", Path.Combine(work, "sender"), options.NativeAot, cancellationToken).ConfigureAwait(false);
        var feedback = options.FeedbackExecutable ?? await FunctionPublisher.PublishAsync("src/BulkMailer.Feedback.Bootstrap", Path.Combine(work, "feedback"), options.NativeAot, cancellationToken).ConfigureAwait(false);
        return (sender, feedback);
    }

    private static FunctionDefinition Function(string name, string executable, FunctionDeploymentSettings settings, IReadOnlyDictionary<string, string> environment, LocalRunOptions options, string work) => new()
    {
        Name = name,
        Executable = executable,
        Environment = environment,
        Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
        ReservedConcurrency = settings.ReservedConcurrency,
        FreezeBetweenInvocations = true,
        RecycleAfterIdle = options.RecycleAfterIdle,
        LogDirectory = Path.Combine(work, "logs"),
    };

    private static EventSourceSettings Mapping(FunctionDeploymentSettings settings) => new()
    {
        BatchSize = settings.BatchSize,
        BatchingWindow = TimeSpan.FromSeconds(settings.MaxBatchingWindowSeconds),
        MaxConcurrency = settings.EffectiveConcurrency,
    };

    private static async Task EnqueueAsync(IAmazonSQS sqs, string queueUrl, Uri endpoint, SampleCampaign campaign, CancellationToken cancellationToken)
    {
        using var client = new BulkMailerClient(new BulkMailerClientOptions { QueueUrl = queueUrl, ServiceUrl = endpoint.ToString(), Region = LocalServerSet.Region }, sqs);
        var summary = await client.EnqueueAsync(ToAsync(campaign.ValidJobs()), (_, _) => ValueTask.CompletedTask, cancellationToken).ConfigureAwait(false);
        if (summary.Failed > 0 || summary.Invalid > 0)
        {
            throw new InvalidOperationException($"the sample campaign did not enqueue cleanly: {summary}");
        }
        // A "buggy producer" that skips validation: these must end rejected, not lost and not retried.
        foreach (var chunk in campaign.InvalidBodies().Chunk(10))
        {
            await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), body))],
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<MailJob> ToAsync(IEnumerable<MailJob> jobs)
    {
        foreach (var job in jobs)
        {
            yield return job;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static async Task CreateTemplateAsync(Uri sesEndpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sesEndpoint, "/v2/email/templates"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new TemplateRequest(SampleCampaign.TemplateName, new TemplateContent(SampleCampaign.TemplateSubject, SampleCampaign.TemplateText)), LocalRunJsonContext.Default.TemplateRequest), System.Text.Encoding.UTF8, "application/json"),
        };
        // aws-ses-v2-local only checks that a SigV4-style Authorization header is present.
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(int Final, long Sent)> CountAsync(NpgsqlConnection observer, CancellationToken cancellationToken)
    {
        // Final for the run: every status but 'sending' and 'sent' — 'sent' still waits for SES's Delivery/Bounce.
        await using var command = new NpgsqlCommand(
            "select count(*) filter (where status not in ('sending', 'sent'))::int, count(*) filter (where ses_message_id is not null) from mail_message", observer);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetInt64(1));
    }

    private static async Task<IReadOnlyDictionary<string, long>> StatusCountsAsync(string db, CancellationToken cancellationToken)
    {
        var counts = MailStatus.All.ToDictionary(s => s, _ => 0L);
        foreach (var line in await LinesAsync(db, "select status || '=' || count(*) from mail_message group by status", cancellationToken).ConfigureAwait(false))
        {
            var parts = line.Split('=');
            counts[parts[0]] = long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        return counts;
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(string db, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = ConnectionSampler.ApplicationName }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var lines = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    private static async Task<(long Accepted, long DistinctRecipients)> SesStoreCountsAsync(Uri sesEndpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var mails = StoredMail.ParseStore(await http.GetStringAsync(new Uri(sesEndpoint, "/store"), cancellationToken).ConfigureAwait(false));
        return (mails.Count, mails.SelectMany(m => m.Recipients).Select(t => t.ToLowerInvariant()).Distinct().LongCount());
    }

    private static async Task RecycleLoopAsync(IReadOnlyList<LocalFunction> functions, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var function in functions)
            {
                await function.RecycleIdleAsync().ConfigureAwait(false);
            }
        }
    }
}
