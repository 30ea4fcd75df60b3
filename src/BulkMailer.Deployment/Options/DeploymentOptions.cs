using BulkMailer.Core.Jobs;
using System.Globalization;
using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Packaging;

namespace BulkMailer.Deployment.Options;

/// <summary>
/// Every deployment tunable in one typed place, read by the CDK app (from cdk.json context, see
/// <see cref="DeploymentOptionsReader"/>) and by the local Lambda runner, and validated once by <see cref="Validate"/>.
/// Each property's documentation states its default; docs/operators.md explains how each one moves the budget.
/// </summary>
public sealed record DeploymentOptions
{
    /// <summary>Name of the sender function in budgets.</summary>
    public const string SenderName = "sender";

    /// <summary>Name of the feedback function in budgets.</summary>
    public const string FeedbackName = "feedback";

    /// <summary>Name of the migrator function in budgets.</summary>
    public const string MigratorName = "migrator";

    /// <summary>Name of the unsubscribe function in budgets.</summary>
    public const string UnsubscribeName = "unsubscribe";

    /// <summary>Name of the maintenance function in budgets.</summary>
    public const string MaintenanceName = "maintenance";

    /// <summary>
    /// The migrator's reserved concurrency: one environment, one connection, while a deploy migrates (two migrations at
    /// once would only wait on each other's advisory lock). The budget counts it because deploys happen under load.
    /// </summary>
    public const int MigratorReservedConcurrency = 1;

    /// <summary>
    /// Sender defaults: timeout 30 s, 256 MB, batch 10 without window, reserved and max concurrency 20, DLQ after 5
    /// receives, visibility 6 × timeout = 180 s, code in <c>artifacts/lambda/sender</c>.
    /// </summary>
    public static FunctionDeploymentSettings DefaultSender { get; } = new()
    {
        TimeoutSeconds = 30,
        MemoryMb = 256,
        BatchSize = 10,
        MaxBatchingWindowSeconds = 0,
        ReservedConcurrency = 20,
        MaxConcurrency = 20,
        MaxReceiveCount = 5,
        CodePath = FunctionPackages.DefaultCodePath(FunctionPackages.Sender),
    };

    /// <summary>
    /// Feedback defaults: timeout 30 s, 256 MB, batch 100 with a 5 s window (one round trip stores a whole batch of
    /// events), reserved and max concurrency 5, DLQ after 5 receives, visibility 180 s, code in <c>artifacts/lambda/feedback</c>.
    /// </summary>
    public static FunctionDeploymentSettings DefaultFeedback { get; } = new()
    {
        TimeoutSeconds = 30,
        MemoryMb = 256,
        BatchSize = 100,
        MaxBatchingWindowSeconds = 5,
        ReservedConcurrency = 5,
        MaxConcurrency = 5,
        MaxReceiveCount = 5,
        CodePath = FunctionPackages.DefaultCodePath(FunctionPackages.Feedback),
    };

    /// <summary>The defaults as a whole.</summary>
    public static DeploymentOptions Default { get; } = new();

    /// <summary>Sender function, mail-jobs queue and its mapping. Default <see cref="DefaultSender"/>.</summary>
    public FunctionDeploymentSettings Sender { get; init; } = DefaultSender;

    /// <summary>Feedback function, feedback queue and its mapping. Default <see cref="DefaultFeedback"/>.</summary>
    public FunctionDeploymentSettings Feedback { get; init; } = DefaultFeedback;

    /// <summary>Processor architecture of both functions. Default arm64.</summary>
    public FunctionArchitecture Architecture { get; init; } = FunctionArchitecture.Arm64;

    /// <summary>
    /// Use a placeholder <c>bootstrap</c> (it only prints an error) for a function that is not packaged. Default false:
    /// a missing package, or one built for the other architecture, fails the synth, because the stack would deploy
    /// functions that fail every invocation and drain both queues into their DLQs. The infra tests set it.
    /// </summary>
    public bool AllowPlaceholderCode { get; init; }

    /// <summary>Directory of the packaged migrator. Default <c>artifacts/lambda/migrator</c>.</summary>
    public string MigratorCodePath { get; init; } = FunctionPackages.DefaultCodePath(FunctionPackages.Migrator);

    /// <summary>NAT gateways of a new VPC, ≥ 1 (the functions reach SES, SQS, Secrets Manager and CloudFormation's response URL through them). Default 1.</summary>
    public int NatGateways { get; init; } = 1;

    /// <summary>SNS → feedback queue raw message delivery (the SES event JSON is the SQS body). Default true; the feedback function reads both forms.</summary>
    public bool RawMessageDelivery { get; init; } = true;

    /// <summary>Connections kept for other clients (migrations, consoles, reports). Default 0.</summary>
    public int OtherClients { get; init; }

    /// <summary>Turnover margin in percent of the functions' connections. Default 50 (report 004 in docs/background.md saw 30 environments at concurrency 20).</summary>
    public int TurnoverMarginPercent { get; init; } = BudgetInput.DefaultTurnoverMarginPercent;

    /// <summary>The database. Defaults: a new db.t4g.medium with the reaping settings of <see cref="DatabaseSettings"/>.</summary>
    public DatabaseSettings Database { get; init; } = new();

    /// <summary>SES. Defaults: configuration set <c>bulkmailer-events</c>, no identity, 14 mails/s.</summary>
    public SesSettings Ses { get; init; } = new();

    /// <summary>Alarm thresholds. Defaults in <see cref="AlarmSettings"/>.</summary>
    public AlarmSettings Alarms { get; init; } = new();

    /// <summary>The unsubscribe function. Defaults in <see cref="UnsubscribeSettings"/>.</summary>
    public UnsubscribeSettings Unsubscribe { get; init; } = new();

    /// <summary>The maintenance function: event retention and the stuck-job metrics. Defaults in <see cref="MaintenanceSettings"/>.</summary>
    public MaintenanceSettings Maintenance { get; init; } = new();

    /// <summary>The budget input these options describe: the same numbers the CLI takes as flags.</summary>
    public BudgetInput ToBudgetInput() => new()
    {
        InstanceClass = Database.MaxConnections is null ? Database.InstanceClass : null,
        MaxConnections = Database.MaxConnections,
        SuperuserReservedConnections = Database.SuperuserReservedConnections,
        RdsSuperuserReservedConnections = Database.RdsSuperuserReservedConnections,
        OtherClients = OtherClients,
        TurnoverMarginPercent = TurnoverMarginPercent,
        ProxyMaxConnectionsPercent = Database.UseProxy ? Database.ProxyMaxConnectionsPercent : null,
        Functions =
        [
            FunctionDemand.FromLimits(SenderName, Sender.ReservedConcurrency, Sender.MaxConcurrency, Sender.ConnectionsPerEnvironment),
            FunctionDemand.FromLimits(FeedbackName, Feedback.ReservedConcurrency, Feedback.MaxConcurrency, Feedback.ConnectionsPerEnvironment),
            new FunctionDemand(MigratorName, MigratorReservedConcurrency),
            // Behind its function URL only reserved concurrency bounds its environments.
            new FunctionDemand(UnsubscribeName, Unsubscribe.ReservedConcurrency),
            // One run at a time on its schedule: one connection.
            new FunctionDemand(MaintenanceName, MaintenanceSettings.ReservedConcurrency),
        ],
    };

    /// <summary>The connection budget of these options.</summary>
    public BudgetReport ComputeBudget() => ConnectionBudget.Compute(ToBudgetInput());

    /// <summary>
    /// The send-rate plan of these options: the account rate (<see cref="SesSettings.MaxSendRate"/>), SES's call
    /// latency, the sender's batch size, concurrency and timeout, the sender's default parallelism, every job its own
    /// SendEmail (the slowest case). The CDK app outputs it; <c>bulkmailer budget</c> prints the same for the same flags.
    /// </summary>
    public SendRatePlan PlanSendRate() => SendRatePlanner.Plan(
        Ses.MaxSendRate,
        new SenderThroughputInput { SesLatencyMs = Ses.CallLatencyMs, BatchSize = Sender.BatchSize },
        Sender.TimeoutSeconds,
        ComputeBudget(),
        SenderName);

    /// <summary>Every problem, each naming the knob (context key) to change. Empty when the options can be deployed.</summary>
    public IReadOnlyList<string> Validate()
    {
        var c = CultureInfo.InvariantCulture;
        var problems = new List<string>();
        problems.AddRange(Sender.Validate(DeploymentContextKeys.Sender));
        problems.AddRange(Feedback.Validate(DeploymentContextKeys.Feedback));
        problems.AddRange(Unsubscribe.Validate());
        problems.AddRange(Maintenance.Validate());
        if (string.IsNullOrWhiteSpace(MigratorCodePath))
        {
            problems.Add($"{DeploymentContextKeys.MigratorCodePath} is empty: give the directory of the packaged migrator.");
        }

        DatabaseSettings db = Database;
        if (db.MaxConnections is null && !RdsInstanceClasses.TryGetNominalGiB(db.InstanceClass, out _))
        {
            problems.Add($"{DeploymentContextKeys.InstanceClass} = '{db.InstanceClass}' is not in the instance table; choose one of {RdsInstanceClasses.KnownSummary} or set {DeploymentContextKeys.MaxConnections}.");
        }

        if (db.MaxConnections is <= 0)
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.MaxConnections} = {db.MaxConnections}: must be > 0."));
        }

        if (db.Port is < 1 or > 65535)
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.Port} = {db.Port}: not a port."));
        }

        if (db.IdleSessionTimeoutMs < 0 || db.TcpKeepalivesIdleSeconds < 1 || db.TcpKeepalivesIntervalSeconds < 1 || db.TcpKeepalivesCount < 1)
        {
            problems.Add($"{DeploymentContextKeys.IdleSessionTimeoutMs} must be ≥ 0 and {DeploymentContextKeys.TcpKeepalivesIdleSeconds}, {DeploymentContextKeys.TcpKeepalivesIntervalSeconds}, {DeploymentContextKeys.TcpKeepalivesCount} ≥ 1: they are how the server reaps connections of destroyed environments.");
        }

        if (db.UseProxy && db.ProxyMaxConnectionsPercent is < 1 or > 100)
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.ProxyMaxConnectionsPercent} = {db.ProxyMaxConnectionsPercent}: must be 1–100."));
        }

        if (db.SuperuserReservedConnections < 0 || db.RdsSuperuserReservedConnections < 0 || OtherClients < 0 || TurnoverMarginPercent < 0)
        {
            problems.Add($"{DeploymentContextKeys.SuperuserReservedConnections}, {DeploymentContextKeys.RdsSuperuserReservedConnections}, {DeploymentContextKeys.OtherClients} and {DeploymentContextKeys.TurnoverMarginPercent} must be ≥ 0.");
        }

        if (db.Mode == DatabaseMode.Existing)
        {
            AddIfMissing(problems, db.ExistingEndpoint, DeploymentContextKeys.ExistingEndpoint);
            AddIfMissing(problems, db.ExistingSecretArn, DeploymentContextKeys.ExistingSecretArn);
            AddIfMissing(problems, db.ExistingSecurityGroupId, DeploymentContextKeys.ExistingSecurityGroupId);
            AddIfMissing(problems, db.ExistingVpcId, DeploymentContextKeys.ExistingVpcId);
            if (db.UseProxy && string.IsNullOrWhiteSpace(db.ExistingInstanceIdentifier))
            {
                problems.Add($"{DeploymentContextKeys.ExistingInstanceIdentifier} is required for an RDS Proxy in front of an existing database ({DeploymentContextKeys.UseProxy} = true).");
            }

            if (db.ExistingPrivateSubnetIds.Count == 0 || db.ExistingPrivateSubnetIds.Count != db.ExistingAvailabilityZones.Count)
            {
                problems.Add($"{DeploymentContextKeys.ExistingPrivateSubnetIds} and {DeploymentContextKeys.ExistingAvailabilityZones} must list the same number (≥ 1) of subnets and their zones, so the synth needs no lookup.");
            }
        }
        else if (NatGateways < 1)
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.NatGateways} = {NatGateways}: a new VPC needs ≥ 1 NAT gateway, the functions reach SES and Secrets Manager through it."));
        }

        if (string.IsNullOrWhiteSpace(Ses.ConfigurationSetName))
        {
            problems.Add($"{DeploymentContextKeys.ConfigurationSetName} is empty.");
        }

        if (Ses.CreateIdentity && string.IsNullOrWhiteSpace(Ses.Identity))
        {
            problems.Add($"{DeploymentContextKeys.CreateIdentity} is true but {DeploymentContextKeys.Identity} is empty.");
        }

        if (Ses.AllowedConfigurationSets.FirstOrDefault(n => !ConfigurationSetAllowList.IsValidName(n)) is { } badSet)
        {
            problems.Add($"{DeploymentContextKeys.AllowedConfigurationSets}: '{badSet}' is not an SES configuration set name ([A-Za-z0-9_-], 1–64 characters).");
        }

        if (!(Ses.MaxSendRate > 0))
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.MaxSendRate} = {Ses.MaxSendRate}: must be > 0."));
        }

        if (!(Ses.CallLatencyMs > 0) || !double.IsFinite(Ses.CallLatencyMs))
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.CallLatencyMs} = {Ses.CallLatencyMs}: must be > 0 (milliseconds per SES call)."));
        }

        if (Alarms.DatabaseConnectionsPercent is < 1 or > 100 || !(Alarms.BounceRate is > 0 and < 1) || !(Alarms.ComplaintRate is > 0 and < 1) || Alarms.OldestMessageAgeSeconds < 1)
        {
            problems.Add($"Alarm thresholds out of range: {DeploymentContextKeys.AlarmDatabaseConnectionsPercent} 1–100, {DeploymentContextKeys.AlarmBounceRate} and {DeploymentContextKeys.AlarmComplaintRate} are fractions in (0, 1), {DeploymentContextKeys.AlarmOldestMessageAgeSeconds} ≥ 1.");
        }

        if (Alarms.StuckJobRuns is < 1 or > 96)
        {
            problems.Add(string.Create(c, $"{DeploymentContextKeys.AlarmStuckJobRuns} = {Alarms.StuckJobRuns}: must be 1–96 maintenance runs."));
        }

        // The budget needs sane inputs; the problems above already name the bad ones.
        if (problems.Count == 0)
        {
            BudgetReport budget = ComputeBudget();
            if (!budget.WithinBudget)
            {
                problems.Add(budget.Summary + " " + KnobAdvice);
            }
        }

        return problems;
    }

    /// <summary>What an operator can turn when the budget does not fit.</summary>
    public static string KnobAdvice { get; } =
        $"Turn a knob: lower {DeploymentContextKeys.Sender}{DeploymentContextKeys.FunctionMaxConcurrency} or {DeploymentContextKeys.Feedback}{DeploymentContextKeys.FunctionMaxConcurrency} " +
        $"(with their reservedConcurrency), lower {DeploymentContextKeys.OtherClients} or {DeploymentContextKeys.TurnoverMarginPercent}, " +
        $"choose a larger {DeploymentContextKeys.InstanceClass}, set the real {DeploymentContextKeys.MaxConnections}, or put an RDS Proxy in front ({DeploymentContextKeys.UseProxy} = true).";

    private static void AddIfMissing(List<string> problems, string? value, string key)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{key} is required when {DeploymentContextKeys.DatabaseMode} = existing.");
        }
    }
}
