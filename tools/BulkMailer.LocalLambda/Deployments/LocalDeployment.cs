using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS;
using BulkMailer.Data.Progress;
using BulkMailer.Deployment.Options;
using BulkMailer.LocalLambda.Environments;
using BulkMailer.LocalLambda.EventSources;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.SesFeedback;
using BulkMailer.LocalLambda.Sns;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.LocalServers.Ses;
using Npgsql;

namespace BulkMailer.LocalLambda.Deployments;

/// <summary>
/// The pipeline deployed on the local stack, in the order the real deployment goes: stack, schema migrated, queues
/// and topic, functions under the local Lambda service, their event source mappings, then the observers. Created
/// idle by <see cref="CreateAsync"/> (so a caller can enqueue first), run by <see cref="StartAsync"/>, watched by
/// <see cref="SettleAsync"/>, stopped by <see cref="StopAsync"/>; disposing stops and removes everything it started.
/// Used by <c>local run</c>, <c>bench</c> and the integration tests, so all three deploy the same way.
/// </summary>
public sealed class LocalDeployment : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RecycleInterval = TimeSpan.FromSeconds(2);

    private readonly LocalServerSet? _ownedStack;
    private readonly bool _survivesRestarts;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private readonly Stopwatch _clock = new();
    private bool _stopped;

    private LocalDeployment(LocalServerSet stack, LocalServerSet? ownedStack, string db, PgRoundTripCounter? counter, LocalDeploymentOptions options)
    {
        Stack = stack;
        _ownedStack = ownedStack;
        _survivesRestarts = options.SurvivesDatabaseRestarts;
        Db = db;
        Counter = counter;
        var credentials = new BasicAWSCredentials("local", "local");
        Sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = stack.Fauxqs!.Endpoint.ToString(), AuthenticationRegion = LocalServerSet.Region });
        Sns = new SnsQueryClient(stack.Fauxqs.Endpoint, credentials, LocalServerSet.Region);
        Sampler = new ConnectionSampler(db, options.SampleInterval);
        Progress = new CampaignProgressReader(db, ConnectionSampler.ApplicationName);
        SesStore = new LocalSesStore(stack.Ses!.Endpoint);
    }

    public LocalServerSet Stack { get; }

    /// <summary>The deployment's database (direct, superuser; not through the counter).</summary>
    public string Db { get; }

    /// <summary>Counts the functions' connections and round trips; null unless asked for.</summary>
    public PgRoundTripCounter? Counter { get; }

    public AmazonSQSClient Sqs { get; }

    public SnsQueryClient Sns { get; }

    public LocalQueues Queues { get; private set; } = null!;

    /// <summary>The mail-jobs queue, for enqueueing.</summary>
    public MailJobsQueue MailJobs { get; private set; } = null!;

    /// <summary>aws-ses-v2-local's templates and store.</summary>
    public LocalSesStore SesStore { get; }

    public LocalFunction Sender { get; private set; } = null!;

    public SqsEventSourceMapping SenderMapping { get; private set; } = null!;

    /// <summary>The SES front the sender sends through (<see cref="LocalDeploymentOptions.SesFrontLimits"/>); null: it talks to the emulator.</summary>
    public SesAccountFront? SesFront { get; private set; }

    /// <summary>Null when the deployment has no feedback function.</summary>
    public LocalFunction? Feedback { get; private set; }

    public SqsEventSourceMapping? FeedbackMapping { get; private set; }

    public SesFeedbackSimulator? Simulator { get; private set; }

    public ConnectionSampler Sampler { get; }

    /// <summary>Counts on the deployment's database, on a connection the sampler leaves out.</summary>
    public CampaignProgressReader Progress { get; }

    /// <summary>Mails SES accepted over time, observed on every settle poll.</summary>
    public ThroughputTimeline SentTimeline { get; } = new();

    /// <summary>Every settle poll's counts (accepted by SES, final, settled) over time.</summary>
    public ProgressTimeline ProgressTimeline { get; } = new();

    /// <summary>Time since <see cref="StartAsync"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<LocalDeployment> CreateAsync(LocalDeploymentOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var owned = options.Stack is null ? await LocalServerSet.StartAsync(options.StackOptions, cancellationToken).ConfigureAwait(false) : null;
        var stack = options.Stack ?? owned!;
        LocalDeployment? deployment = null;
        try
        {
            var db = await LocalDatabase.CreateAsync(stack.Postgres, options, cancellationToken).ConfigureAwait(false);
            deployment = new LocalDeployment(stack, owned, db, options.CountRoundTrips ? new PgRoundTripCounter(stack.Postgres.Port) : null, options);
            await deployment.DeployAsync(options, cancellationToken).ConfigureAwait(false);
            return deployment;
        }
        catch
        {
            if (deployment is not null)
            {
                await deployment.DisposeAsync().ConfigureAwait(false);
            }
            else if (owned is not null)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>Starts the sampler, the event source mappings, the SES feedback and the recycling of idle environments.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _clock.Start();
        await Sampler.StartAsync(cancellationToken).ConfigureAwait(false);
        _background.Add(SenderMapping.RunAsync(_stop.Token));
        if (FeedbackMapping is { } feedback)
        {
            _background.Add(feedback.RunAsync(_stop.Token));
        }
        if (Simulator is { } simulator)
        {
            _background.Add(simulator.RunAsync(_stop.Token));
        }
        if (Sender.Definition.RecycleAfterIdle is not null)
        {
            _background.Add(RecycleLoopAsync(_stop.Token));
        }
    }

    /// <summary>
    /// Polls the progress counts every 250 ms until <paramref name="settled"/> says so (true) or
    /// <paramref name="limit"/> passed (false). Cancellation throws.
    /// </summary>
    public async Task<bool> SettleAsync(Func<ProgressCounts, CancellationToken, Task<bool>> settled, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settled);
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await PollAsync(cancellationToken).ConfigureAwait(false) is { } counts && await settled(counts, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Visible plus in-flight messages of a queue.</summary>
    public Task<long> DepthAsync(string queueUrl, CancellationToken cancellationToken = default) =>
        LocalInfrastructure.DepthAsync(Sqs, queueUrl, cancellationToken);

    /// <summary>Stops the background work and the sampler; the statistics stay readable.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_background).ConfigureAwait(false);
        await Sampler.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Sender is not null)
        {
            await Sender.DisposeAsync().ConfigureAwait(false);
        }
        if (Feedback is not null)
        {
            await Feedback.DisposeAsync().ConfigureAwait(false);
        }
        Simulator?.Dispose();
        await Sampler.DisposeAsync().ConfigureAwait(false);
        await Progress.DisposeAsync().ConfigureAwait(false);
        if (Counter is not null)
        {
            await Counter.DisposeAsync().ConfigureAwait(false);
        }
        await (SesFront?.DisposeAsync() ?? ValueTask.CompletedTask).ConfigureAwait(false);
        Sns.Dispose();
        Sqs.Dispose();
        _stop.Dispose();
        if (_ownedStack is not null)
        {
            await _ownedStack.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DeployAsync(LocalDeploymentOptions options, CancellationToken cancellationToken)
    {
        Queues = await LocalInfrastructure.CreateAsync(Sqs, Sns, options.Deployment, options.Prefix, cancellationToken).ConfigureAwait(false);
        MailJobs = new MailJobsQueue(Sqs, Queues.MailJobsUrl, Stack.Fauxqs!.Endpoint);
        var functionDb = new NpgsqlConnectionStringBuilder(Db);
        if (Counter is not null)
        {
            functionDb.Port = Counter.Port;
        }
        if (options.FunctionRole is { } role)
        {
            functionDb.Username = role;
        }
        var environment = new Dictionary<string, string>(Stack.AwsEnvironment()) { ["BULKMAILER_DB"] = functionDb.ConnectionString };
        foreach (var (name, value) in options.Environment)
        {
            environment[name] = value;
        }
        SesFront = options.SesFrontLimits is { } limits ? SesAccountFront.Start(Stack.Ses!.Endpoint, limits) : null;
        var senderEnvironment = options.SenderVariables(environment, SesFront?.Endpoint);
        var senderExecutable = await options.SenderExecutable.ConfigureAwait(false);
        Sender = new LocalFunction(Function(options.SenderName, senderExecutable, options.Deployment.Sender, senderEnvironment, options));
        SenderMapping = new SqsEventSourceMapping(Sqs, Queues.MailJobsUrl, Queues.MailJobsArn, Sender, Mapping(options.Deployment.Sender));
        if (options.FeedbackExecutable is { } feedbackExecutable)
        {
            Feedback = new LocalFunction(Function(options.FeedbackName, await feedbackExecutable.ConfigureAwait(false), options.Deployment.Feedback, environment, options));
            FeedbackMapping = new SqsEventSourceMapping(Sqs, Queues.FeedbackUrl, Queues.FeedbackArn, Feedback, Mapping(options.Deployment.Feedback));
        }
        if (options.SesFeedbackConfigurationSet is { } configurationSet)
        {
            Simulator = new SesFeedbackSimulator(new SesFeedbackSimulatorOptions { SesEndpoint = Stack.Ses!.Endpoint, TopicArn = Queues.TopicArn, ConfigurationSet = configurationSet, OutcomeDelay = options.SesFeedbackDelay, Since = DateTimeOffset.UtcNow }, Sns, tags: SesFront?.Tags);
        }
    }

    private static FunctionDefinition Function(string name, string executable, FunctionDeploymentSettings settings, IReadOnlyDictionary<string, string> environment, LocalDeploymentOptions options) => new()
    {
        Name = name,
        Executable = executable,
        Environment = environment,
        Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
        ReservedConcurrency = settings.ReservedConcurrency,
        FreezeBetweenInvocations = true,
        RecycleAfterIdle = options.RecycleAfterIdle,
        LogDirectory = options.LogDirectory,
    };

    private static EventSourceSettings Mapping(FunctionDeploymentSettings settings) => new()
    {
        BatchSize = settings.BatchSize,
        BatchingWindow = TimeSpan.FromSeconds(settings.MaxBatchingWindowSeconds),
        MaxConcurrency = settings.EffectiveConcurrency,
    };

    private async Task<ProgressCounts?> PollAsync(CancellationToken cancellationToken)
    {
        try
        {
            var counts = await Progress.CountAsync(cancellationToken).ConfigureAwait(false);
            SentTimeline.Observe(counts.SentBySes, Elapsed);
            ProgressTimeline.Observe(counts, Elapsed);
            return counts;
        }
        catch (Exception error) when (_survivesRestarts && error is NpgsqlException or IOException or TimeoutException)
        {
            // The server is restarting (a fault test): not settled yet, the next poll reconnects.
            return null;
        }
    }

    private async Task RecycleLoopAsync(CancellationToken cancellationToken)
    {
        var functions = Feedback is null ? new[] { Sender } : [Sender, Feedback];
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RecycleInterval, cancellationToken).ConfigureAwait(false);
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
