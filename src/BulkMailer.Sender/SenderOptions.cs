using BulkMailer.Lambda.Hosting;

namespace BulkMailer.Sender;

/// <summary>
/// Every knob of the sender, read once from the environment at init and validated there (ranges in FromEnvironment). Defaults are the
/// values below; CONTRACT §3 names the public variables, the rest are tuning with safe defaults.
/// </summary>
public sealed record SenderOptions
{
    /// <summary><c>BULKMAILER_CONFIGURATION_SET</c>: used when a job names none. Default: none.</summary>
    public string? DefaultConfigurationSet { get; init; }

    /// <summary><c>BULKMAILER_MAX_SEND_RATE</c>: messages/second for this environment; 0 = unlimited (default).</summary>
    public double MaxSendRate { get; init; }

    /// <summary><c>BULKMAILER_SEND_PARALLELISM</c>: SES calls in flight per invocation. Default 8: SES latency
    /// (~20–60 ms) dominates, so a few calls in flight reach the account rate without many environments.</summary>
    public int SendParallelism { get; init; } = 8;

    /// <summary><c>BULKMAILER_DEADLINE_MARGIN_MS</c>: no send starts with less than this left before the deadline.
    /// Default 12 000 ms: the SES request timeout (10 s) plus the record round trip, so a started send always
    /// finishes and is recorded before Lambda stops the invocation.</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary><c>BULKMAILER_LEASE_EXTRA_SECONDS</c>: a claim's lease is the invocation's remaining time plus this.
    /// Default 30 s: no other delivery of the job can start while this invocation may still send it.</summary>
    public TimeSpan LeaseExtra { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>BULKMAILER_USE_BULK</c>: send templated jobs with SendBulkEmail (default true).</summary>
    public bool UseBulkSend { get; init; } = true;

    /// <summary><c>AWS_LAMBDA_FUNCTION_NAME</c>: the application_name of the connection and the metric dimension.</summary>
    public string FunctionName { get; init; } = "bulkmailer-sender";

    public static SenderOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        // One reader for both functions: every bad value is collected and reported at once, at init.
        var settings = new FunctionSettings(environment ?? Environment.GetEnvironmentVariable);
        var defaults = new SenderOptions();
        var options = new SenderOptions
        {
            DefaultConfigurationSet = settings.Text("BULKMAILER_CONFIGURATION_SET"),
            // 0 (or unset) means unlimited, so the lower bound is exclusive of -1, not of 0.
            MaxSendRate = settings.Number("BULKMAILER_MAX_SEND_RATE", defaults.MaxSendRate, -1e-9, 1_000_000),
            SendParallelism = settings.Integer("BULKMAILER_SEND_PARALLELISM", defaults.SendParallelism, 1, 64),
            DeadlineMargin = TimeSpan.FromMilliseconds(settings.Integer("BULKMAILER_DEADLINE_MARGIN_MS", (int)defaults.DeadlineMargin.TotalMilliseconds, 0, 900_000)),
            LeaseExtra = TimeSpan.FromSeconds(settings.Integer("BULKMAILER_LEASE_EXTRA_SECONDS", (int)defaults.LeaseExtra.TotalSeconds, 0, 3600)),
            UseBulkSend = !string.Equals(settings.Text("BULKMAILER_USE_BULK"), "false", StringComparison.OrdinalIgnoreCase),
            FunctionName = settings.Text("AWS_LAMBDA_FUNCTION_NAME") ?? defaults.FunctionName,
        };
        settings.ThrowIfInvalid("sender");
        return options;
    }
}
