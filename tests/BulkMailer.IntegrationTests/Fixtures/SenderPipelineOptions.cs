using System.Globalization;
using BulkMailer.Deployment.Options;
using BulkMailer.LocalLambda.Deployments;
using BulkMailer.LocalServers.Ses;
using BulkMailer.Sender;
using BulkMailer.Sender.Policy;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// How a <see cref="SenderPipeline"/> is set up. Every time of the deployment is derived from one scaled function
/// timeout at the deployed ratios (docs/operators.md, "Every knob"): visibility timeout = 6 × function timeout, lease
/// extra, deadline margin and the longest hand-back wait scaled from the sender's defaults by the same factor as the
/// timeout (30 s deployed), the first hand-back wait = the visibility timeout as the stack sets it, maxReceiveCount 5.
/// A test picks only the function timeout, so a fault that would exhaust the receives when deployed exhausts them here.
/// </summary>
public sealed record SenderPipelineOptions
{
    /// <summary>Short and unique per test: names the function (its application_name), the queue and the recipients.</summary>
    public required string Name { get; init; }

    /// <summary>Reserved concurrency = the mapping's maximum concurrency = the connection budget of the sender.</summary>
    public int Concurrency { get; init; } = 2;

    public int BatchSize { get; init; } = 10;

    /// <summary>The scaled function timeout (whole seconds, as Lambda's): 3 s, a tenth of the deployed 30 s.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int SendParallelism { get; init; } = 4;

    /// <summary>
    /// When set, an SES account front (one send rate and one 24-hour quota for every caller, GetAccount) sits between
    /// the sender processes and the SES fault proxy; null: none.
    /// </summary>
    public SesAccountLimits? AccountLimits { get; init; }

    /// <summary><c>BULKMAILER_ACCOUNT_SEND_RATE</c> for the sender; null: unset (the sender asks GetAccount).</summary>
    public double? AccountSendRate { get; init; }

    /// <summary>The database's <c>idle_session_timeout</c> (null: the server's default, off).</summary>
    public TimeSpan? IdleSessionTimeout { get; init; }

    /// <summary>Function timeout over the deployed one: the factor every other time is scaled by.</summary>
    public double Scale => FunctionTimeout.TotalSeconds / DeploymentOptions.DefaultSender.TimeoutSeconds;

    /// <summary>Receives before the DLQ, as deployed.</summary>
    public int MaxReceiveCount => DeploymentOptions.DefaultSender.MaxReceiveCount;

    /// <summary>6 × the function timeout, as the stack deploys it.</summary>
    public int VisibilityTimeoutSeconds => FunctionDeploymentSettings.VisibilityTimeoutFactor * (int)FunctionTimeout.TotalSeconds;

    /// <summary>The lease's extra over the remaining time (see LeaseRules), scaled from the sender's default.</summary>
    public int LeaseExtraSeconds => Scaled(Defaults.LeaseExtra);

    /// <summary>No send starts with less than this left, scaled from the sender's default.</summary>
    public int DeadlineMarginMs => (int)Math.Round(Defaults.DeadlineMargin.TotalMilliseconds * Scale);

    /// <summary>The first wait of a job handed back for an account-level stop: the visibility timeout, as the stack sets it.</summary>
    public int HandBackFirstDelaySeconds => VisibilityTimeoutSeconds;

    /// <summary>The longest hand-back wait, scaled from <see cref="HandBackSchedule.Default"/>; never below the first.</summary>
    public int HandBackLongestDelaySeconds => Math.Max(Scaled(HandBackSchedule.Default.Longest), HandBackFirstDelaySeconds);

    /// <summary>The sender's variables for these times (the SES endpoint is the caller's to add).</summary>
    public Dictionary<string, string> SenderVariables()
    {
        var variables = new Dictionary<string, string>
        {
            ["BULKMAILER_DEADLINE_MARGIN_MS"] = DeadlineMarginMs.ToString(CultureInfo.InvariantCulture),
            ["BULKMAILER_LEASE_EXTRA_SECONDS"] = LeaseExtraSeconds.ToString(CultureInfo.InvariantCulture),
            ["BULKMAILER_SEND_PARALLELISM"] = SendParallelism.ToString(CultureInfo.InvariantCulture),
            ["BULKMAILER_HANDBACK_FIRST_DELAY_SECONDS"] = HandBackFirstDelaySeconds.ToString(CultureInfo.InvariantCulture),
            ["BULKMAILER_HANDBACK_LONGEST_DELAY_SECONDS"] = HandBackLongestDelaySeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (AccountSendRate is { } rate)
        {
            variables["BULKMAILER_ACCOUNT_SEND_RATE"] = rate.ToString(CultureInfo.InvariantCulture);
        }
        return variables;
    }

    /// <summary>The deployed defaults with this sender's batching, concurrency, redrive and timeout.</summary>
    public DeploymentOptions SenderDeployment() =>
        LocalDeploymentOptions.SenderDeployment(BatchSize, Concurrency, VisibilityTimeoutSeconds, MaxReceiveCount, (int)FunctionTimeout.TotalSeconds);

    /// <summary>A queue and topic name prefix unique to one deployment.</summary>
    public string QueuePrefix() => $"{Name}-{Guid.NewGuid():N}"[..Math.Min(60, Name.Length + 9)];

    private static SenderOptions Defaults { get; } = new();

    private int Scaled(TimeSpan deployed) => Math.Max(1, (int)Math.Round(deployed.TotalSeconds * Scale));
}
