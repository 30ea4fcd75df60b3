namespace BulkMailer.Bench.AccountRate;

/// <summary>The knobs of <c>bench --scenario account-rate</c>, with their defaults.</summary>
public sealed record AccountRateOptions
{
    /// <summary>The SES account's maximum send rate the front enforces (default 50 mails/s).</summary>
    public double AccountRate { get; init; } = 50;

    /// <summary>The front's time per send call (default 20 ms).</summary>
    public TimeSpan SesLatency { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Sender concurrencies, one run per mode each (default 2, 4, 8, 16).</summary>
    public IReadOnlyList<int> Concurrencies { get; init; } = [2, 4, 8, 16];

    /// <summary>Modes to run (default governor and static split; <see cref="AccountRateMode.NoLimit"/> on request).</summary>
    public IReadOnlyList<string> Modes { get; init; } = [AccountRateMode.Governor, AccountRateMode.StaticSplit];

    /// <summary>Jobs per run (default 400: 8 s at 50 mails/s).</summary>
    public int JobsPerRun { get; init; } = 400;

    /// <summary>A run that has not settled by then is stopped and reported as it stands (default 60 s).</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public int BatchSize { get; init; } = 10;

    /// <summary>Queue visibility timeout: how soon a throttled job comes back (default 10 s, as the bench's variants).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Receives before the DLQ (default 5, as deployed).</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>PostgreSQL max_connections (default 40, as the bench's).</summary>
    public int MaxConnections { get; init; } = 40;

    /// <summary>Publish the sender Native AOT (default) or framework-dependent (JIT) for a quick run.</summary>
    public bool NativeAot { get; init; } = true;

    /// <summary>A prebuilt sender bootstrap (tests), skipping the publish.</summary>
    public string? SenderExecutable { get; init; }

    /// <summary>Where bench.md and bench.json go (default bench-out).</summary>
    public string ReportDirectory { get; init; } = "bench-out";

    /// <summary>Problems with the options; empty when they can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(AccountRate > 0) || SesLatency <= TimeSpan.Zero)
        {
            problems.Add("--account-rate and --ses-latency-ms must be > 0");
        }
        if (Concurrencies.Count == 0 || Concurrencies.Any(c => c < 2))
        {
            problems.Add("every sender concurrency must be at least 2");
        }
        if (JobsPerRun < 1 || RunTimeout <= TimeSpan.Zero)
        {
            problems.Add("--jobs-per-run and --run-timeout-seconds must be at least 1");
        }
        if (Modes.Count == 0 || Modes.Any(m => m is not (AccountRateMode.Governor or AccountRateMode.StaticSplit or AccountRateMode.NoLimit)))
        {
            problems.Add("modes are governor, static-split and no-limit");
        }
        return problems;
    }
}
