using BulkMailer.Deployment.Options;
using BulkMailer.LocalServers;
using BulkMailer.LocalServers.Ses;

namespace BulkMailer.LocalLambda.Deployments;

/// <summary>
/// What a <see cref="LocalDeployment"/> puts on the local stack: one database, the queues and topic the CDK app
/// creates (from <see cref="Deployment"/>, the same settings it deploys), the sender and optionally the feedback
/// function with their event source mappings, and the observers (connection sampler, progress reader).
/// </summary>
public sealed record LocalDeploymentOptions
{
    /// <summary>A stack the caller started and keeps; null: the deployment starts one from <see cref="StackOptions"/> and stops it.</summary>
    public LocalServerSet? Stack { get; init; }

    public LocalServerSetOptions StackOptions { get; init; } = new();

    /// <summary>Name of the database created and migrated for this deployment.</summary>
    public required string Database { get; init; }

    /// <summary>Names the queues and the topic (<c>{prefix}-mail-jobs</c>, ...).</summary>
    public required string Prefix { get; init; }

    /// <summary>Function timeouts, concurrency, batching and queue redrive, as the CDK app reads them.</summary>
    public DeploymentOptions Deployment { get; init; } = DeploymentOptions.Default;

    /// <summary>The sender's function name (and so the application_name of its connections).</summary>
    public required string SenderName { get; init; }

    /// <summary>The sender's bootstrap; a task so that publishing it can overlap the stack's start.</summary>
    public required Task<string> SenderExecutable { get; init; }

    public string FeedbackName { get; init; } = "bulkmailer-feedback";

    /// <summary>The feedback function's bootstrap; null deploys the sender only.</summary>
    public Task<string>? FeedbackExecutable { get; init; }

    /// <summary>Function variables on top of the stack's AWS endpoints and BULKMAILER_DB (these win).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Sender-only variables on top of <see cref="Environment"/> (these win), e.g. its send-rate settings.</summary>
    public IReadOnlyDictionary<string, string> SenderEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Put an <see cref="SesAccountFront"/> with these limits before the SES emulator for the sender (its
    /// <c>AWS_ENDPOINT_URL_SES</c> points to the front; the feedback simulator keeps reading the emulator's store).
    /// Null: no limits; the sender still goes through an unlimited front when SES feedback is played back
    /// (<see cref="SesFrontLimits"/>), and talks to the emulator directly otherwise.
    /// </summary>
    public SesAccountLimits? SesAccount { get; init; }

    /// <summary>
    /// The limits of the SES front in the sender's path: <see cref="SesAccount"/>; without it, none (an unlimited front)
    /// when SES feedback is played back, because the front records each mail's tags and the simulator's events carry
    /// them as SES's do (the emulator's store keeps no tags); null: no front.
    /// </summary>
    public SesAccountLimits? SesFrontLimits => SesAccount ?? (SesFeedbackConfigurationSet is null ? null : new SesAccountLimits());

    /// <summary>The database's <c>idle_session_timeout</c> (null: the cluster's).</summary>
    public TimeSpan? IdleSessionTimeout { get; init; }

    /// <summary>An ordinary login role the functions connect as, as on RDS (null: the stack's superuser).</summary>
    public string? FunctionRole { get; init; }

    /// <summary>Route the functions' connections through a <c>PgRoundTripCounter</c> that counts them exactly.</summary>
    public bool CountRoundTrips { get; init; }

    /// <summary>Folder for the environments' logs; null discards them.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Destroy environments idle this long, as Lambda recycles them (null: keep them).</summary>
    public TimeSpan? RecycleAfterIdle { get; init; }

    /// <summary>The connection sampler's interval (null: its default).</summary>
    public TimeSpan? SampleInterval { get; init; }

    /// <summary>Play SES's events for this configuration set back through the topic (null: no SES feedback).</summary>
    public string? SesFeedbackConfigurationSet { get; init; }

    /// <summary>How old an accepted mail must be before its SES events are played back (see <c>SesFeedbackSimulatorOptions.OutcomeDelay</c>; default zero).</summary>
    public TimeSpan SesFeedbackDelay { get; init; } = TimeSpan.Zero;

    /// <summary>PostgreSQL may restart under the deployment (fault tests): a failed poll then counts as not settled.</summary>
    public bool SurvivesDatabaseRestarts { get; init; }

    /// <summary>The sender's variables: <paramref name="common"/>, then <see cref="SenderEnvironment"/>, then SES through <paramref name="sesFront"/> when there is one.</summary>
    public Dictionary<string, string> SenderVariables(IReadOnlyDictionary<string, string> common, Uri? sesFront)
    {
        var variables = new Dictionary<string, string>(common);
        foreach (var (name, value) in SenderEnvironment)
        {
            variables[name] = value;
        }
        if (sesFront is not null)
        {
            variables["AWS_ENDPOINT_URL_SES"] = sesFront.ToString().TrimEnd('/');
        }
        return variables;
    }

    /// <summary>The deployed defaults with the sender's batching, concurrency, redrive and timeout set (what the bench and the fault tests vary).</summary>
    public static DeploymentOptions SenderDeployment(int batchSize, int concurrency, int visibilityTimeoutSeconds, int maxReceiveCount, int? timeoutSeconds = null) =>
        DeploymentOptions.Default with
        {
            Sender = DeploymentOptions.DefaultSender with
            {
                BatchSize = batchSize,
                ReservedConcurrency = concurrency,
                MaxConcurrency = concurrency,
                VisibilityTimeoutSeconds = visibilityTimeoutSeconds,
                MaxReceiveCount = maxReceiveCount,
                TimeoutSeconds = timeoutSeconds ?? DeploymentOptions.DefaultSender.TimeoutSeconds,
            },
        };
}
