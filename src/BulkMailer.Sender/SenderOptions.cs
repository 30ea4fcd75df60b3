using System.Globalization;

namespace BulkMailer.Sender;

/// <summary>
/// Every knob of the sender, read once from the environment at init and validated there. Defaults are the
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
        environment ??= Environment.GetEnvironmentVariable;
        var defaults = new SenderOptions();
        var options = new SenderOptions
        {
            DefaultConfigurationSet = NonEmpty(environment("BULKMAILER_CONFIGURATION_SET")),
            MaxSendRate = Number(environment, "BULKMAILER_MAX_SEND_RATE", defaults.MaxSendRate),
            SendParallelism = (int)Number(environment, "BULKMAILER_SEND_PARALLELISM", defaults.SendParallelism),
            DeadlineMargin = TimeSpan.FromMilliseconds(Number(environment, "BULKMAILER_DEADLINE_MARGIN_MS", defaults.DeadlineMargin.TotalMilliseconds)),
            LeaseExtra = TimeSpan.FromSeconds(Number(environment, "BULKMAILER_LEASE_EXTRA_SECONDS", defaults.LeaseExtra.TotalSeconds)),
            UseBulkSend = !string.Equals(environment("BULKMAILER_USE_BULK"), "false", StringComparison.OrdinalIgnoreCase),
            FunctionName = NonEmpty(environment("AWS_LAMBDA_FUNCTION_NAME")) ?? defaults.FunctionName,
        };
        options.Validate();
        return options;
    }

    /// <summary>Throws with every problem at once, at init, rather than failing mid-batch.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxSendRate < 0 || !double.IsFinite(MaxSendRate))
        {
            problems.Add("BULKMAILER_MAX_SEND_RATE must be a non-negative number");
        }
        if (SendParallelism is < 1 or > 64)
        {
            problems.Add("BULKMAILER_SEND_PARALLELISM must be 1-64");
        }
        if (DeadlineMargin < TimeSpan.Zero)
        {
            problems.Add("BULKMAILER_DEADLINE_MARGIN_MS must not be negative");
        }
        if (LeaseExtra < TimeSpan.Zero)
        {
            problems.Add("BULKMAILER_LEASE_EXTRA_SECONDS must not be negative");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("invalid sender configuration: " + string.Join("; ", problems));
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static double Number(Func<string, string?> environment, string name, double fallback)
    {
        var text = NonEmpty(environment(name));
        if (text is null)
        {
            return fallback;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{name} is not a number: '{text}'");
    }
}
