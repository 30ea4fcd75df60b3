namespace BulkMailer.Deployment.Options;

/// <summary>Alarm thresholds.</summary>
public sealed record AlarmSettings
{
    /// <summary>Alarm when DatabaseConnections exceeds this percent of max_connections. Default 80.</summary>
    public int DatabaseConnectionsPercent { get; init; } = 80;

    /// <summary>SES reputation bounce rate (fraction). Default 0.05: AWS reviews accounts above 5 %.</summary>
    public double BounceRate { get; init; } = 0.05;

    /// <summary>SES reputation complaint rate (fraction). Default 0.001: AWS reviews accounts above 0.1 %.</summary>
    public double ComplaintRate { get; init; } = 0.001;

    /// <summary>Alarm when the oldest mail job has waited this long, in seconds. Default 900.</summary>
    public int OldestMessageAgeSeconds { get; init; } = 900;

    /// <summary>
    /// The stuck-job alarm fires after this many consecutive maintenance runs saw an expired <c>sending</c> lease.
    /// Default 2: a lease expires whenever an environment dies mid-batch and SQS redelivers the job within a visibility
    /// timeout, so one run may see it in passing; a lease still expired a whole schedule period later is stuck.
    /// </summary>
    public int StuckJobRuns { get; init; } = 2;
}
