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

    /// <summary>The longest wait of a job handed back for an account-level stop; its first wait is the visibility
    /// timeout, as deployed (see HandBackSchedule).</summary>
    public int HandBackLongestDelaySeconds { get; init; } = 30;

    public int SendParallelism { get; init; } = 4;

    /// <summary>The database's <c>idle_session_timeout</c> (null: the server's default, off).</summary>
    public TimeSpan? IdleSessionTimeout { get; init; }
}
