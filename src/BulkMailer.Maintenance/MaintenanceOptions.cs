using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Maintenance;

/// <summary>
/// The maintenance function's settings, read and validated once at init (docs/operators.md, Retention and the
/// stuck-job alarm). Each property states its default.
/// </summary>
public sealed record MaintenanceOptions
{
    /// <summary>The default retention of stored SES events, in days (the cdk.json knob's default too).</summary>
    public const int DefaultEventRetentionDays = 90;

    /// <summary>The default rows per delete statement: the same bound <c>bulkmailer prune</c> uses.</summary>
    public const int DefaultPruneBatchSize = 10_000;

    /// <summary><see cref="FunctionVariables.FunctionName"/>: the application_name of the connection and the metric dimension.</summary>
    public string FunctionName { get; init; } = "bulkmailer-maintenance";

    /// <summary><see cref="FunctionVariables.EventRetentionDays"/>: events older than this many days are deleted. Default 90, 1–3650.</summary>
    public int EventRetentionDays { get; init; } = DefaultEventRetentionDays;

    /// <summary><see cref="FunctionVariables.PruneBatchSize"/>: events deleted per statement. Default 10 000, 1–100 000.</summary>
    public int PruneBatchSize { get; init; } = DefaultPruneBatchSize;

    /// <summary>
    /// No delete statement starts with less than this left before the invocation's deadline. Default 15 s: one
    /// statement may take up to the connection's command timeout (10 s, DatabaseTimeouts in BulkMailer.Data), and the
    /// summary must still be written; what is left is deleted by the next run.
    /// </summary>
    public TimeSpan StopMargin { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A campaign is reported while one of its jobs changed within this window. Default 24 h: a campaign's feedback mostly arrives within a day of its sends.</summary>
    public TimeSpan ActiveCampaignWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// At most this many campaigns are reported per run, the most recently active first. Default 20: each campaign is
    /// its own set of CloudWatch metrics (one per status, billed per metric), so the bound keeps the metric count — and
    /// the bill — fixed however many campaigns a busy day runs.
    /// </summary>
    public int MaxCampaigns { get; init; } = 20;

    /// <summary>The settings from the function's environment; throws with every problem at once when one is invalid.</summary>
    public static MaintenanceOptions From(FunctionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var defaults = new MaintenanceOptions();
        var options = new MaintenanceOptions
        {
            FunctionName = environment.FunctionName(defaults.FunctionName),
            EventRetentionDays = environment.Integer(FunctionVariables.EventRetentionDays, defaults.EventRetentionDays, 1, 3650),
            PruneBatchSize = environment.Integer(FunctionVariables.PruneBatchSize, defaults.PruneBatchSize, 1, 100_000),
        };
        environment.ThrowIfInvalid("maintenance");
        return options;
    }
}
