using System.Globalization;

namespace BulkMailer.Deployment.Options;

/// <summary>
/// The tunables of one function, its queue and its event source mapping. Defaults are those of
/// <see cref="DeploymentOptions.DefaultSender"/> and <see cref="DeploymentOptions.DefaultFeedback"/>.
/// </summary>
public sealed record FunctionDeploymentSettings
{
    /// <summary>Visibility timeout ≥ this × function timeout, AWS's advice for queues that feed Lambda (a batch may be retried while in flight).</summary>
    public const int VisibilityTimeoutFactor = 6;

    /// <summary>Function timeout in seconds (1–900).</summary>
    public required int TimeoutSeconds { get; init; }

    /// <summary>Function memory in MB (128–10240).</summary>
    public required int MemoryMb { get; init; }

    /// <summary>Messages per invocation (1–10000; above 10 Lambda requires a batching window).</summary>
    public required int BatchSize { get; init; }

    /// <summary>Maximum batching window in seconds (0–300).</summary>
    public required int MaxBatchingWindowSeconds { get; init; }

    /// <summary>Reserved concurrency: the hard cap on environments, and a guarantee against other functions.</summary>
    public required int ReservedConcurrency { get; init; }

    /// <summary>The event source mapping's maximum concurrency (2–1000, ≤ reserved concurrency so SQS never sees throttling).</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary>Server connections one environment holds: 1 by design (one static connection).</summary>
    public int ConnectionsPerEnvironment { get; init; } = 1;

    /// <summary>Receives before a message moves to the DLQ.</summary>
    public required int MaxReceiveCount { get; init; }

    /// <summary>Queue visibility timeout in seconds; null means <see cref="VisibilityTimeoutFactor"/> × timeout.</summary>
    public int? VisibilityTimeoutSeconds { get; init; }

    /// <summary>Directory holding the published <c>bootstrap</c> executable, relative to the working directory of the synth.</summary>
    public required string CodePath { get; init; }

    /// <summary>The visibility timeout that will be deployed.</summary>
    public int EffectiveVisibilityTimeoutSeconds => VisibilityTimeoutSeconds ?? VisibilityTimeoutFactor * TimeoutSeconds;

    /// <summary>min(reserved concurrency, max concurrency): environments that can hold a connection at once.</summary>
    public int EffectiveConcurrency => Math.Min(ReservedConcurrency, MaxConcurrency);

    /// <summary>Problems with these settings, each naming the context key (<paramref name="keyPrefix"/> + name) to change.</summary>
    public IEnumerable<string> Validate(string keyPrefix)
    {
        var c = CultureInfo.InvariantCulture;
        string Key(string name) => keyPrefix + name;

        if (TimeoutSeconds is < 1 or > 900)
        {
            yield return string.Create(c, $"{Key("timeoutSeconds")} = {TimeoutSeconds}: a Lambda timeout is 1–900 s.");
        }

        if (MemoryMb is < 128 or > 10240)
        {
            yield return string.Create(c, $"{Key("memoryMb")} = {MemoryMb}: Lambda memory is 128–10240 MB.");
        }

        if (BatchSize is < 1 or > 10000)
        {
            yield return string.Create(c, $"{Key("batchSize")} = {BatchSize}: an SQS batch is 1–10000 messages.");
        }

        if (MaxBatchingWindowSeconds is < 0 or > 300)
        {
            yield return string.Create(c, $"{Key("maxBatchingWindowSeconds")} = {MaxBatchingWindowSeconds}: the batching window is 0–300 s.");
        }

        if (BatchSize > 10 && MaxBatchingWindowSeconds < 1)
        {
            yield return string.Create(c,
                $"{Key("batchSize")} = {BatchSize} needs a batching window: Lambda requires {Key("maxBatchingWindowSeconds")} ≥ 1 for SQS batches above 10 (it is {MaxBatchingWindowSeconds}).");
        }

        if (ReservedConcurrency < 1)
        {
            yield return string.Create(c, $"{Key("reservedConcurrency")} = {ReservedConcurrency}: must be ≥ 1 (0 stops the function).");
        }

        if (MaxConcurrency is < 2 or > 1000)
        {
            yield return string.Create(c, $"{Key("maxConcurrency")} = {MaxConcurrency}: the event source mapping's maximum concurrency is 2–1000.");
        }

        if (MaxConcurrency > ReservedConcurrency)
        {
            yield return string.Create(c,
                $"{Key("maxConcurrency")} = {MaxConcurrency} exceeds {Key("reservedConcurrency")} = {ReservedConcurrency}: the mapping would be throttled and messages would be retried towards the DLQ. Lower {Key("maxConcurrency")} or raise {Key("reservedConcurrency")}.");
        }

        if (ConnectionsPerEnvironment < 0)
        {
            yield return string.Create(c, $"{Key("connectionsPerEnvironment")} = {ConnectionsPerEnvironment}: must be ≥ 0.");
        }

        if (MaxReceiveCount is < 1 or > 1000)
        {
            yield return string.Create(c, $"{Key("maxReceiveCount")} = {MaxReceiveCount}: the redrive maxReceiveCount is 1–1000.");
        }

        if (EffectiveVisibilityTimeoutSeconds < VisibilityTimeoutFactor * TimeoutSeconds)
        {
            yield return string.Create(c,
                $"{Key("visibilityTimeoutSeconds")} = {EffectiveVisibilityTimeoutSeconds} is below {VisibilityTimeoutFactor} × {Key("timeoutSeconds")} = {VisibilityTimeoutFactor * TimeoutSeconds}: a message could reappear while its first batch is still running.");
        }

        if (EffectiveVisibilityTimeoutSeconds > 43200)
        {
            yield return string.Create(c, $"{Key("visibilityTimeoutSeconds")} = {EffectiveVisibilityTimeoutSeconds}: SQS allows at most 43200 s.");
        }

        if (string.IsNullOrWhiteSpace(CodePath))
        {
            yield return $"{Key("codePath")} is empty: give the directory of the published bootstrap.";
        }
    }
}
