using System.Globalization;
using System.Text.Json;
using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalLambda.Environments;
using BulkMailer.LocalLambda.EventSources;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.LocalServers.Ses;
using BulkMailer.TestSupport.Ses;
using Npgsql;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// One sender deployment on the local stack (a <see cref="LocalDeployment"/>), for fault tests: a fresh database
/// behind a connection-counting proxy, a mail-jobs queue (short visibility timeout) with its DLQ, the real sender <c>bootstrap</c> under the
/// local Lambda service and its SQS event source mapping, a seeded SES fault proxy in front of aws-ses-v2-local,
/// a connection sampler, and SES's Send events fed back as the feedback function would ingest them (built from
/// what SES accepted, found through the <c>bulkmailer-job</c> tag). Recipients carry a marker unique to the
/// pipeline, so the shared SES store can be read per test.
/// </summary>
public sealed class SenderPipeline : IAsyncDisposable
{
    private readonly LocalServersFixture _stack;
    private readonly LocalDeployment _deployment;
    private readonly CancellationTokenSource _stop = new();
    private readonly StaticConnection _feedConnection;
    private readonly MailStore _feedStore;
    private Task _feeding = Task.CompletedTask;
    private int _fed;
    private bool _held;

    private SenderPipeline(LocalServersFixture stack, SenderPipelineOptions options, LocalDeployment deployment, SesFaultProxy ses, SesAccountFront? front, string marker)
    {
        Front = front;
        _stack = stack;
        _deployment = deployment;
        Options = options;
        Ses = ses;
        Marker = marker;
        _feedConnection = new StaticConnection(deployment.Db, "fault-feedback");
        _feedStore = new MailStore(_feedConnection);
    }

    public SenderPipelineOptions Options { get; }

    /// <summary>The test database (direct, not through the counter).</summary>
    public string Db => _deployment.Db;

    /// <summary>Sits between the sender processes and PostgreSQL: counts their connections exactly.</summary>
    public PgRoundTripCounter Counter => _deployment.Counter!;

    public SesFaultProxy Ses { get; }

    /// <summary>The SES account front before <see cref="Ses"/> (<see cref="SenderPipelineOptions.AccountLimits"/>); null: none.</summary>
    public SesAccountFront? Front { get; }

    public ConnectionSampler Sampler => _deployment.Sampler;

    /// <summary>The sender's name, and the application_name of its connections.</summary>
    public string FunctionName => Function.Definition.Name;

    /// <summary>In every recipient address of this pipeline.</summary>
    public string Marker { get; }

    public string QueueUrl => _deployment.Queues.MailJobsUrl;

    public string DlqUrl => _deployment.Queues.MailJobsDlqUrl;

    public LocalFunction Function => _deployment.Sender;

    public SqsEventSourceMapping Mapping => _deployment.SenderMapping;

    /// <summary>
    /// While true, SES's Send events are held back (not ingested): set and later cleared, they arrive late — after the
    /// sender's record and any redelivery; set for good, they are lost and the sender's own record must settle every job.
    /// </summary>
    public bool SendEventsHeld
    {
        get => Volatile.Read(ref _held);
        set => Volatile.Write(ref _held, value);
    }

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
        var ses = SesFaultProxy.Start(stack.SesEndpoint);
        var front = options.AccountLimits is { } limits ? SesAccountFront.Start(ses.Endpoint, limits) : null;
        var environment = options.SenderVariables();
        environment["AWS_ENDPOINT_URL_SES"] = (front?.Endpoint ?? ses.Endpoint).ToString().TrimEnd('/');
        var deployment = await LocalDeployment.CreateAsync(new LocalDeploymentOptions
        {
            Stack = stack.Stack,
            Database = stack.NewDatabaseName($"fault{options.Name}"),
            Prefix = options.QueuePrefix(),
            Deployment = options.SenderDeployment(),
            SenderName = $"fault-{options.Name}",
            SenderExecutable = Task.FromResult(FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap")),
            Environment = environment,
            IdleSessionTimeout = options.IdleSessionTimeout,
            CountRoundTrips = true,
            SampleInterval = TimeSpan.FromMilliseconds(50),
            SurvivesDatabaseRestarts = true,
        });
        return new SenderPipeline(stack, options, deployment, ses, front, $"{options.Name}{Guid.NewGuid():N}"[..(options.Name.Length + 8)]);
    }

    /// <summary>A valid mail job (docs/contract.md) with its unique recipient.</summary>
    public (string JobId, string Recipient, string Body) Job(int index) => Job(Options.Name, Marker, index);

    /// <summary>Job <paramref name="index"/> of campaign <paramref name="name"/>, to an address carrying <paramref name="marker"/>.</summary>
    public static (string JobId, string Recipient, string Body) Job(string name, string marker, int index)
    {
        var jobId = $"{name}/{index:0000}";
        var recipient = $"r{index:0000}.{marker}@example.com";
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["jobId"] = jobId,
            ["campaignId"] = name,
            ["from"] = "News <news@acme.example>",
            ["to"] = recipient,
            ["subject"] = "Hello",
            ["text"] = "plain body",
        });
        return (jobId, recipient, body);
    }

    public IReadOnlyList<(string JobId, string Recipient, string Body)> Jobs(int count) => [.. Enumerable.Range(0, count).Select(Job)];

    /// <summary>
    /// Every job's body twice, ten messages a batch holding the first copies of five jobs and the second copies of the
    /// five before them, so that two environments hold copies of the same job at the same time.
    /// </summary>
    public static IReadOnlyList<string> TwiceInNeighbouringBatches(IReadOnlyList<(string JobId, string Recipient, string Body)> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        return [.. Enumerable.Range(0, jobs.Count + 5)
            .SelectMany(i => new[] { i < jobs.Count ? jobs[i].Body : null, i >= 5 ? jobs[i - 5].Body : null })
            .OfType<string>()];
    }

    /// <summary>Enqueues bodies in order, ten per SendMessageBatch.</summary>
    public Task EnqueueAsync(IEnumerable<string> bodies) => _deployment.MailJobs.SendBodiesAsync(bodies);

    /// <summary>Starts the event source mapping and the Send-event feed in the background.</summary>
    public async Task StartAsync()
    {
        await _deployment.StartAsync();
        _feeding = FeedSendEventsAsync(_stop.Token);
    }

    /// <summary>
    /// Waits until <paramref name="rows"/> jobs are in a final status and the queue is empty (every message deleted).
    /// Bounded: false when that did not happen within <paramref name="limit"/>.
    /// </summary>
    public Task<bool> WaitUntilSettledAsync(int rows, TimeSpan limit) =>
        _deployment.SettleAsync(async (counts, _) => counts.Final >= rows && await DepthAsync(QueueUrl) == 0, limit);

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

    public Task<long> DepthAsync(string queueUrl) => _deployment.DepthAsync(queueUrl);

    /// <summary>The exactly-once verdict for these jobs: SES's store (by this pipeline's marker) against the table.</summary>
    public async Task<ExactlyOnceReport> CheckAsync(IEnumerable<(string JobId, string Recipient, string Body)> jobs)
    {
        var statuses = await _deployment.Progress.JobStatusesAsync();
        return ExactlyOnceChecker.Check(
            jobs.DistinctBy(j => j.JobId).ToDictionary(j => j.JobId, j => j.Recipient, StringComparer.Ordinal),
            await SesStore.RecipientsAsync(_stack.SesEndpoint, Marker),
            statuses);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _feeding;
        await _deployment.DisposeAsync();
        await _feedConnection.DisposeAsync();
        if (Front is not null)
        {
            await Front.DisposeAsync();
        }
        await Ses.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>
    /// Plays SES event publishing → SNS → SQS → the feedback function for Send events: every mail SES accepted is
    /// ingested as its Send event (SES's JSON, parsed by the feedback function's parser), in one round trip per
    /// pass. A pass that fails (the database restarting) is retried on the next tick; nothing is skipped.
    /// </summary>
    private async Task FeedSendEventsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var fresh = SendEventsHeld ? [] : Ses.Accepted.Skip(_fed).ToList();
            if (fresh.Count > 0)
            {
                var events = fresh.SelectMany((mail, i) => FeedbackParser.Parse(
                    SesEventJson.Write(SesEventKind.Send, new SesEventMail(mail.MessageId, mail.Recipient, mail.AcceptedAt) { JobId = mail.JobId }, mail.AcceptedAt),
                    $"send-{_fed + i}").Events).ToList();
                try
                {
                    await _feedStore.IngestFeedbackAsync(events, CancellationToken.None);
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
