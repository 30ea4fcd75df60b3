using System.Globalization;
using BulkMailer.Deployment.Packaging;

namespace BulkMailer.Deployment.Options;

/// <summary>
/// The maintenance function on its EventBridge schedule (docs/operators.md, Retention and the stuck-job alarm): event
/// retention and the stuck-job metrics. It runs one environment at a time (<see cref="ReservedConcurrency"/>), so the
/// budget counts exactly one connection for it.
/// </summary>
public sealed record MaintenanceSettings
{
    /// <summary>
    /// Reserved concurrency, fixed: one run at a time is all the schedule needs, and two runs would only delete the same
    /// rows against each other. A run still going when the next fires throttles that one (it is dropped after one
    /// schedule period: the following run does the same work) instead of opening a second connection.
    /// </summary>
    public const int ReservedConcurrency = 1;

    /// <summary>Days a stored SES event is kept (the function's <c>BULKMAILER_EVENT_RETENTION_DAYS</c>). Default 90.</summary>
    public int EventRetentionDays { get; init; } = 90;

    /// <summary>Minutes between runs. Default 15: the stuck-job alarm learns of an expired lease within a quarter of an hour.</summary>
    public int ScheduleMinutes { get; init; } = 15;

    /// <summary>Memory in MB. Default 256.</summary>
    public int MemoryMb { get; init; } = 256;

    /// <summary>Timeout in seconds. Default 60: one read and as many bounded deletes as fit; the next run goes on with the rest.</summary>
    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>Directory of the packaged <c>bootstrap</c>. Default <c>artifacts/lambda/maintenance</c>.</summary>
    public string CodePath { get; init; } = FunctionPackages.DefaultCodePath(FunctionPackages.Maintenance);

    /// <summary>Problems with these settings, each naming its context key.</summary>
    public IEnumerable<string> Validate()
    {
        var c = CultureInfo.InvariantCulture;
        const string Key = DeploymentContextKeys.Maintenance;
        if (EventRetentionDays is < 1 or > 3650)
        {
            yield return string.Create(c, $"{DeploymentContextKeys.MaintenanceEventRetentionDays} = {EventRetentionDays}: must be 1–3650 days.");
        }
        if (ScheduleMinutes is < 1 or > 1440)
        {
            yield return string.Create(c, $"{DeploymentContextKeys.MaintenanceScheduleMinutes} = {ScheduleMinutes}: must be 1–1440 minutes.");
        }
        if (MemoryMb is < 128 or > 10240)
        {
            yield return string.Create(c, $"{Key}{DeploymentContextKeys.FunctionMemoryMb} = {MemoryMb}: a Lambda function has 128–10240 MB.");
        }
        // Below 30 s the function's 15 s stop margin would leave no time to delete anything.
        if (TimeoutSeconds is < 30 or > 900)
        {
            yield return string.Create(c, $"{Key}{DeploymentContextKeys.FunctionTimeoutSeconds} = {TimeoutSeconds}: must be 30–900 s (the function stops deleting 15 s before its deadline).");
        }
        if (string.IsNullOrWhiteSpace(CodePath))
        {
            yield return $"{Key}{DeploymentContextKeys.FunctionCodePath} is empty: give the directory of the packaged maintenance function.";
        }
    }
}
