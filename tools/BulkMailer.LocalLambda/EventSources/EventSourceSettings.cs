namespace BulkMailer.LocalLambda.EventSources;

/// <summary>The SQS event source mapping's knobs, as in the CDK app (BulkMailer.Deployment.Options.FunctionDeploymentSettings).</summary>
public sealed record EventSourceSettings
{
    /// <summary>Messages per invocation (above 10 the mapping gathers several receives).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>How long to gather a batch before invoking with fewer than <see cref="BatchSize"/> messages.</summary>
    public TimeSpan BatchingWindow { get; init; } = TimeSpan.Zero;

    /// <summary>Concurrent invocations the mapping drives (its pollers).</summary>
    public int MaxConcurrency { get; init; } = 2;
}
