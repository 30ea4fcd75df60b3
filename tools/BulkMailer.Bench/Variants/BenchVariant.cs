namespace BulkMailer.Bench.Variants;

/// <summary>The data-access patterns compared by the benchmark; names are what BULKMAILER_BENCH_VARIANT takes.</summary>
public static class BenchVariant
{
    /// <summary>This design: one static connection per environment, two round trips per batch.</summary>
    public const string Design = "design";

    /// <summary>A connection opened in every invocation and never closed.</summary>
    public const string ConnectionPerInvocation = "connection-per-invocation";

    /// <summary>A pool of 5 per environment, used as ORMs use it (a batch's statements issued concurrently).</summary>
    public const string PoolOfFive = "pool-of-5";

    /// <summary>One connection, but a statement per message (N+1).</summary>
    public const string QueryPerMessage = "query-per-message";

    public const string EnvironmentVariable = "BULKMAILER_BENCH_VARIANT";

    public static IReadOnlyList<string> All { get; } = [Design, ConnectionPerInvocation, PoolOfFive, QueryPerMessage];
}
