using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.LocalLambda.Environments;
using BulkMailer.LocalLambda.EventSources;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Runs;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.TestSupport.Ses;
using Npgsql;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>How a <see cref="SenderPipeline"/> is set up; small values keep fault tests short.</summary>
public sealed record SenderPipelineOptions
{
    /// <summary>Short and unique per test: names the function (its application_name), the queue and the recipients.</summary>
    public required string Name { get; init; }

    /// <summary>Reserved concurrency = the mapping's maximum concurrency = the connection budget of the sender.</summary>
    public int Concurrency { get; init; } = 2;

    public int BatchSize { get; init; } = 10;

    public int VisibilityTimeoutSeconds { get; init; } = 2;

    public int MaxReceiveCount { get; init; } = 50;

    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int LeaseExtraSeconds { get; init; } = 1;

    public int SendParallelism { get; init; } = 4;

    /// <summary>The database's <c>idle_session_timeout</c> (null: the server's default, off).</summary>
    public TimeSpan? IdleSessionTimeout { get; init; }
}

/// <summary>
/// One sender deployment on the local stack, for fault tests: a fresh database behind a connection-counting
/// proxy, a mail-jobs queue (short visibility timeout) with its DLQ, the real sender <c>bootstrap</c> under the
/// local Lambda service and its SQS event source mapping, a seeded SES fault proxy in front of aws-ses-v2-local,
/// a connection sampler, and SES's Send events fed back as the feedback function would ingest them (built from
/// what SES accepted, found through the <c>bulkmailer-job</c> tag). Recipients carry a marker unique to the
/// pipeline, so the shared SES store can be read per test.
/// </summary>
public sealed class SenderPipeline : IAsyncDisposable
{
    private readonly LocalServersFixture _stack;
    private readonly AmazonSQSClient _sqs;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private MailStore? _feedStore;
    private StaticConnection? _feedConnection;
    private int _fed;

    private SenderPipeline(LocalServersFixture stack, SenderPipelineOptions options, string db, PgRoundTripCounter counter, SesFaultProxy ses, AmazonSQSClient sqs)
    {
        _stack = stack;
        Options = options;
        Db = db;
        Counter = counter;
        Ses = ses;
        _sqs = sqs;
        Marker = $"{options.Name}{Guid.NewGuid():N}"[..(options.Name.Length + 8)];
        FunctionName = $"fault-{options.Name}";
        Sampler = new ConnectionSampler(db, TimeSpan.FromMilliseconds(50));
    }

    public SenderPipelineOptions Options { get; }

    /// <summary>The test database (direct, not through the counter).</summary>
    public string Db { get; }

    /// <summary>Sits between the sender processes and PostgreSQL: counts their connections exactly.</summary>
    public PgRoundTripCounter Counter { get; }

    public SesFaultProxy Ses { get; }

    public ConnectionSampler Sampler { get; }

    /// <summary>The sender's name, and the application_name of its connections.</summary>
    public string FunctionName { get; }

    /// <summary>In every recipient address of this pipeline.</summary>
    public string Marker { get; }

    public string QueueUrl { get; private set; } = "";

    public string DlqUrl { get; private set; } = "";

    public LocalFunction Function { get; private set; } = null!;

    public SqsEventSourceMapping Mapping { get; private set; } = null!;

    /// <summary>Send events ingested so far.</summary>
    public int SendEventsFed => Volatile.Read(ref _fed);

    /// <summary>
    /// The most sender connections the server had at once (pg_stat_activity, sampled). Not the proxy's count: when the
    /// server cuts every connection (a restart), the proxy's teardown of a dead relay races the accept of its
    /// replacement, so its peak can count one connection twice although the server never held both.
    /// </summary>
    public long PeakSenderConnections => Sampler.PeakByApplication.GetValueOrDefault(FunctionName);

    /// <summary>The connection and environment counts, for assertion messages.</summary>
    public string Diagnostics =>
        $"proxy peak {Counter.PeakConnectionsOpen}, opened {Counter.ConnectionsOpened}; pg_stat_activity peak {Sampler.PeakByApplication.GetValueOrDefault(FunctionName)}; " +
        $"cold starts {Function.ColdStarts}, invocations {Function.Invocations}, timeouts {Function.Timeouts}, errors {Function.Errors}; " +
        $"received {Mapping.MessagesReceived}, handed back {Mapping.ItemsHandedBack}, failed invocations {Mapping.FailedInvocations}; Send events fed {SendEventsFed}";

    public static async Task<SenderPipeline> StartAsync(LocalServersFixture stack, SenderPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(options);
        var db = await stack.NewDatabaseAsync($"fault{options.Name}");
        if (options.IdleSessionTimeout is { } idle)
        {
            var database = new NpgsqlConnectionStringBuilder(db).Database;
            await stack.ScalarAsync<int>(db, $"select 1; alter database \"{database}\" set idle_session_timeout = '{(int)idle.TotalMilliseconds}ms'");
        }
        var sqs = new AmazonSQSClient(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig { ServiceURL = stack.FauxqsEndpoint.ToString(), AuthenticationRegion = LocalServerSet.Region });
        var pipeline = new SenderPipeline(stack, options, db, new PgRoundTripCounter(stack.Postgres.Port), SesFaultProxy.Start(stack.SesEndpoint), sqs);
        await pipeline.InitializeAsync();
        return pipeline;
    }

    /// <summary>A valid mail job (CONTRACT §2) with its unique recipient.</summary>
    public (string JobId, string Recipient, string Body) Job(int index)
    {
        var jobId = $"{Options.Name}/{index:0000}";
        var recipient = $"r{index:0000}.{Marker}@example.com";
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["jobId"] = jobId,
            ["campaignId"] = Options.Name,
            ["from"] = "News <news@acme.example>",
            ["to"] = recipient,
            ["subject"] = "Hello",
            ["text"] = "plain body",
        });
        return (jobId, recipient, body);
    }

    public IReadOnlyList<(string JobId, string Recipient, string Body)> Jobs(int count) => [.. Enumerable.Range(0, count).Select(Job)];

    /// <summary>Enqueues bodies in order, ten per SendMessageBatch.</summary>
    public async Task EnqueueAsync(IEnumerable<string> bodies)
    {
        foreach (var chunk in bodies.Chunk(10))
        {
            var response = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = QueueUrl,
                Entries = [.. chunk.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), body))],
            });
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"enqueue failed: {failed[0].Code} {failed[0].Message}");
            }
        }
    }

    /// <summary>Starts the event source mapping and the Send-event feed in the background.</summary>
    public async Task StartAsync()
    {
        await Sampler.StartAsync();
        _background.Add(Mapping.RunAsync(_stop.Token));
        _background.Add(FeedSendEventsAsync(_stop.Token));
    }

    /// <summary>
    /// Waits until <paramref name="rows"/> jobs are in a final status and the queue is empty (every message deleted).
    /// Bounded: false when that did not happen within <paramref name="limit"/>.
    /// </summary>
    public async Task<bool> WaitUntilSettledAsync(int rows, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (!deadline.IsCancellationRequested)
        {
            if (await FinalRowsAsync() >= rows && await DepthAsync(QueueUrl) == 0)
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
        return false;
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds; false on time-out.</summary>
    public static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = new CancellationTokenSource(limit);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
        return true;
    }

    public async Task<long> FinalRowsAsync()
    {
        try
        {
            return await _stack.ScalarAsync<long>(Db, "select count(*) from mail_message where status <> 'sending'");
        }
        catch (NpgsqlException)
        {
            // The server is restarting (a fault test): not settled yet.
            return -1;
        }
    }

    public async Task<long> DepthAsync(string queueUrl) => await LocalInfrastructure.DepthAsync(_sqs, queueUrl, CancellationToken.None);

    /// <summary>The exactly-once verdict for these jobs: SES's store (by this pipeline's marker) against the table.</summary>
    public async Task<ExactlyOnceReport> CheckAsync(IEnumerable<(string JobId, string Recipient, string Body)> jobs)
    {
        var statuses = (await TableState.LinesAsync(Db, "select job_id || '|' || status from mail_message"))
            .Select(l => l.Split('|', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return ExactlyOnceChecker.Check(
            jobs.DistinctBy(j => j.JobId).ToDictionary(j => j.JobId, j => j.Recipient, StringComparer.Ordinal),
            await SesStore.RecipientsAsync(_stack.SesEndpoint, Marker),
            statuses);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_background);
        if (Function is not null)
        {
            await Function.DisposeAsync();
        }
        await Sampler.DisposeAsync();
        if (_feedConnection is not null)
        {
            await _feedConnection.DisposeAsync();
        }
        await Counter.DisposeAsync();
        await Ses.DisposeAsync();
        _sqs.Dispose();
        _stop.Dispose();
    }

    private async Task InitializeAsync()
    {
        var name = $"{Options.Name}-{Guid.NewGuid():N}"[..Math.Min(70, Options.Name.Length + 9)];
        DlqUrl = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"{name}-dlq" })).QueueUrl;
        var dlqArn = await ArnAsync(DlqUrl);
        QueueUrl = (await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = Options.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{Options.MaxReceiveCount.ToString(CultureInfo.InvariantCulture)}}"}""",
            },
        })).QueueUrl;
        var environment = new Dictionary<string, string>(_stack.Stack.AwsEnvironment())
        {
            ["BULKMAILER_DB"] = new NpgsqlConnectionStringBuilder(Db) { Port = Counter.Port }.ConnectionString,
            ["AWS_ENDPOINT_URL_SES"] = Ses.Endpoint.ToString().TrimEnd('/'),
            ["BULKMAILER_DEADLINE_MARGIN_MS"] = "1000",
            ["BULKMAILER_LEASE_EXTRA_SECONDS"] = Options.LeaseExtraSeconds.ToString(CultureInfo.InvariantCulture),
            ["BULKMAILER_SEND_PARALLELISM"] = Options.SendParallelism.ToString(CultureInfo.InvariantCulture),
        };
        Function = new LocalFunction(new FunctionDefinition
        {
            Name = FunctionName,
            Executable = FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap"),
            Environment = environment,
            Timeout = Options.FunctionTimeout,
            ReservedConcurrency = Options.Concurrency,
            FreezeBetweenInvocations = true,
        });
        Mapping = new SqsEventSourceMapping(_sqs, QueueUrl, await ArnAsync(QueueUrl), Function,
            new EventSourceSettings { BatchSize = Options.BatchSize, MaxConcurrency = Options.Concurrency });
        _feedConnection = new StaticConnection(Db, "fault-feedback");
        _feedStore = new MailStore(_feedConnection);
    }

    private async Task<string> ArnAsync(string url) =>
        (await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] })).Attributes["QueueArn"];

    /// <summary>
    /// Plays SES event publishing → SNS → SQS → the feedback function for Send events: every mail SES accepted is
    /// ingested as its Send event (SES's JSON, parsed by the feedback function's parser), in one round trip per
    /// pass. A pass that fails (the database restarting) is retried on the next tick; nothing is skipped.
    /// </summary>
    private async Task FeedSendEventsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var accepted = Ses.Accepted;
            var fresh = accepted.Skip(_fed).ToList();
            if (fresh.Count > 0)
            {
                var events = fresh.SelectMany((mail, i) => FeedbackParser.Parse(
                    SesEventJson.Write(SesEventKind.Send, new SesEventMail(mail.MessageId, mail.Recipient, mail.AcceptedAt) { JobId = mail.JobId }, mail.AcceptedAt),
                    $"send-{_fed + i}").Events).ToList();
                try
                {
                    await _feedStore!.IngestFeedbackAsync(events, CancellationToken.None);
                    Interlocked.Add(ref _fed, fresh.Count);
                }
                catch (Exception error) when (error is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
                {
                    // The database is away (a restart): the same events go again on the next tick.
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
