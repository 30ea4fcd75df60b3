using System.CommandLine;
using BulkMailer.Bench.AccountRate;

namespace BulkMailer.Cli.Commands;

/// <summary>The options of <c>bench --scenario account-rate</c>; <see cref="ToOptions"/> maps a parse of them onto <see cref="AccountRateOptions"/>.</summary>
internal sealed class BenchAccountRateOptions
{
    private static readonly AccountRateOptions Defaults = new();

    public Option<double> AccountRate { get; } = new("--account-rate") { Description = "account-rate scenario: the SES account's maximum send rate (mails/s)", DefaultValueFactory = _ => Defaults.AccountRate };

    public Option<int> SesLatencyMs { get; } = new("--ses-latency-ms") { Description = "account-rate scenario: milliseconds the SES front takes per send call", DefaultValueFactory = _ => (int)Defaults.SesLatency.TotalMilliseconds };

    public Option<int[]> Concurrencies { get; } = new("--concurrencies") { Description = "account-rate scenario: sender concurrencies, one run per mode each", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. Defaults.Concurrencies] };

    public Option<int> JobsPerRun { get; } = new("--jobs-per-run") { Description = "account-rate scenario: jobs per run", DefaultValueFactory = _ => Defaults.JobsPerRun };

    public Option<int> RunTimeoutSeconds { get; } = new("--run-timeout-seconds") { Description = "account-rate scenario: stop a run that has not settled by then", DefaultValueFactory = _ => (int)Defaults.RunTimeout.TotalSeconds };

    public Option<bool> IncludeNoLimit { get; } = new("--include-no-limit") { Description = "account-rate scenario: also run each concurrency with no send-rate limit at all" };

    public IEnumerable<Option> All => [AccountRate, SesLatencyMs, Concurrencies, JobsPerRun, RunTimeoutSeconds, IncludeNoLimit];

    public AccountRateOptions ToOptions(ParseResult parse, int maxConnections, bool nativeAot, string reportDirectory) => new()
    {
        AccountRate = parse.GetValue(AccountRate),
        SesLatency = TimeSpan.FromMilliseconds(parse.GetValue(SesLatencyMs)),
        Concurrencies = parse.GetValue(Concurrencies) ?? [],
        JobsPerRun = parse.GetValue(JobsPerRun),
        RunTimeout = TimeSpan.FromSeconds(parse.GetValue(RunTimeoutSeconds)),
        Modes = parse.GetValue(IncludeNoLimit)
            ? [AccountRateMode.Governor, AccountRateMode.StaticSplit, AccountRateMode.NoLimit]
            : [AccountRateMode.Governor, AccountRateMode.StaticSplit],
        MaxConnections = maxConnections,
        NativeAot = nativeAot,
        ReportDirectory = reportDirectory,
    };
}
