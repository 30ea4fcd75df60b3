using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.Lambda;
using BulkMailer.Deployment.Options;
using BulkMailer.Lambda.Configuration;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// The maintenance function (docs/operators.md, Retention and the stuck-job alarm) and the EventBridge rule that runs
/// it every <see cref="MaintenanceSettings.ScheduleMinutes"/>: reserved concurrency 1 (one connection in the budget), logged in
/// as the maintenance role, which may delete old events and read the columns it counts. Nothing else invokes it.
/// </summary>
public sealed class ScheduledMaintenance : Construct
{
    /// <summary>The longest an EventBridge-to-Lambda event may wait (six hours).</summary>
    private const int LongestEventAgeMinutes = 360;

    public ScheduledMaintenance(Construct scope, string id, DeploymentOptions options, DatabaseAccess database)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        Settings = options.Maintenance;

        var shape = new FunctionShape(Settings.MemoryMb, Settings.TimeoutSeconds, MaintenanceSettings.ReservedConcurrency, Settings.CodePath,
            DeploymentContextKeys.Maintenance + DeploymentContextKeys.FunctionCodePath);
        Function = new BulkMailerFunction(this, "Maintenance", shape, options.Architecture, database, FunctionDatabaseRole.Maintenance,
            new Dictionary<string, string>
            {
                [FunctionVariables.EventRetentionDays] = Settings.EventRetentionDays.ToString(CultureInfo.InvariantCulture),
            });

        // A run that fails or is throttled behind a slow one is not retried: the next scheduled run does the same work,
        // and a retry would only queue up behind it.
        var eventAge = Duration.Minutes(Math.Clamp(Settings.ScheduleMinutes, 1, LongestEventAgeMinutes));
        Function.Function.ConfigureAsyncInvoke(new EventInvokeConfigOptions { RetryAttempts = 0, MaxEventAge = eventAge });
        Rule = new Rule(this, "Schedule", new RuleProps
        {
            Description = "BulkMailer maintenance: stuck-job and campaign metrics, event retention (docs/operators.md).",
            Schedule = Schedule.Rate(Duration.Minutes(Settings.ScheduleMinutes)),
            Targets = [new LambdaFunction(Function.Function, new LambdaFunctionProps { RetryAttempts = 0, MaxEventAge = eventAge })],
        });
    }

    /// <summary>The settings it was built from.</summary>
    public MaintenanceSettings Settings { get; }

    /// <summary>The maintenance function.</summary>
    public BulkMailerFunction Function { get; }

    /// <summary>The schedule.</summary>
    public Rule Rule { get; }
}
