using BulkMailer.Core.Jobs;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Sender.Policy;

namespace BulkMailer.Sender;

/// <summary>
/// Every knob of the sender, read once from the environment at init and validated there (ranges in <see cref="From"/>).
/// Defaults are the values below; docs/contract.md names the public variables, the rest are tuning with safe defaults.
/// </summary>
public sealed record SenderOptions
{
    /// <summary><see cref="FunctionVariables.ConfigurationSet"/>: used when a job names none. Default: none.</summary>
    public string? DefaultConfigurationSet { get; init; }

    /// <summary><see cref="FunctionVariables.AllowedConfigurationSets"/>: the sets a job may name besides the default. Default: none.</summary>
    public IReadOnlyList<string> AllowedConfigurationSets { get; init; } = [];

    /// <summary>What the validator checks a job's <c>configurationSet</c> against: the default and the allowed sets.</summary>
    public ConfigurationSetAllowList ConfigurationSets => new(DefaultConfigurationSet, AllowedConfigurationSets);

    /// <summary><see cref="FunctionVariables.AccountSendRate"/>: mails/second for the whole SES account and region, shared
    /// by every environment through the send governor (docs/operators.md, "Send governor"). Default: unset — SES's
    /// GetAccount says (SendQuota.MaxSendRate); when that is unavailable too, no account limit.</summary>
    public double? AccountSendRate { get; init; }

    /// <summary><see cref="FunctionVariables.MaxSendRate"/>: messages/second for this environment, an extra cap below the
    /// account rate; 0 = unlimited (default).</summary>
    public double MaxSendRate { get; init; }

    /// <summary><see cref="FunctionVariables.SendParallelism"/>: SES calls in flight per invocation. Default 8: SES latency
    /// (~20–60 ms) dominates, so a few calls in flight reach the account rate without many environments.</summary>
    public int SendParallelism { get; init; } = 8;

    /// <summary><see cref="FunctionVariables.DeadlineMarginMs"/>: no send starts with less than this left before the deadline.
    /// Default 12 000 ms: the SES request timeout (10 s) plus the record round trip, so a started send always
    /// finishes and is recorded before Lambda stops the invocation. A failed record is retried only while at least this
    /// much is left, for the same reason.</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary><see cref="FunctionVariables.LeaseExtraSeconds"/>: a claim's lease is the invocation's remaining time plus this.
    /// Default 30 s: no other delivery of the job can start while this invocation may still send it.</summary>
    public TimeSpan LeaseExtra { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="FunctionVariables.HandBackFirstDelaySeconds"/> and <see cref="FunctionVariables.HandBackLongestDelaySeconds"/>:
    /// how long a job handed back for an account-level stop waits. Default and reasons: <see cref="HandBackSchedule.Default"/>.</summary>
    public HandBackSchedule HandBackSchedule { get; init; } = HandBackSchedule.Default;

    /// <summary><see cref="FunctionVariables.UseBulk"/>: send templated jobs with SendBulkEmail (default true).</summary>
    public bool UseBulkSend { get; init; } = true;

    /// <summary><see cref="FunctionVariables.UnsubscribeBaseUrl"/>: the unsubscribe function's URL; when set, every mail gets
    /// one-click unsubscribe headers (docs/contract.md, Unsubscribe). Default: none.</summary>
    public Uri? UnsubscribeBaseUrl { get; init; }

    /// <summary><see cref="FunctionVariables.UnsubscribeValidityDays"/>: how long an unsubscribe link works. Default <see cref="UnsubscribeTokenCodec.DefaultValidity"/>.</summary>
    public TimeSpan UnsubscribeValidity { get; init; } = UnsubscribeTokenCodec.DefaultValidity;

    /// <summary><see cref="FunctionVariables.FunctionName"/>: the application_name of the connection and the metric dimension.</summary>
    public string FunctionName { get; init; } = "bulkmailer-sender";

    private const int MaxDelaySeconds = 43_200;

    /// <summary>Reads and validates every sender setting; throws listing every problem at once.</summary>
    public static SenderOptions From(FunctionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var defaults = new SenderOptions();
        var options = new SenderOptions
        {
            DefaultConfigurationSet = environment.Text(FunctionVariables.ConfigurationSet),
            AllowedConfigurationSets = ConfigurationSetAllowList.ParseList(environment.Text(FunctionVariables.AllowedConfigurationSets)),
            // 0 (or unset) means unlimited, so the lower bound is exclusive of -1, not of 0.
            MaxSendRate = environment.Number(FunctionVariables.MaxSendRate, defaults.MaxSendRate, -1e-9, 1_000_000),
            AccountSendRate = environment.Text(FunctionVariables.AccountSendRate) is null
                ? null
                : environment.Number(FunctionVariables.AccountSendRate, 1, 0, 1_000_000),
            SendParallelism = environment.Integer(FunctionVariables.SendParallelism, defaults.SendParallelism, 1, 64),
            DeadlineMargin = TimeSpan.FromMilliseconds(environment.Integer(FunctionVariables.DeadlineMarginMs, (int)defaults.DeadlineMargin.TotalMilliseconds, 0, 900_000)),
            LeaseExtra = TimeSpan.FromSeconds(environment.Integer(FunctionVariables.LeaseExtraSeconds, (int)defaults.LeaseExtra.TotalSeconds, 0, 3600)),
            HandBackSchedule = new HandBackSchedule(
                TimeSpan.FromSeconds(environment.Integer(FunctionVariables.HandBackFirstDelaySeconds, (int)defaults.HandBackSchedule.First.TotalSeconds, 1, MaxDelaySeconds)),
                TimeSpan.FromSeconds(environment.Integer(FunctionVariables.HandBackLongestDelaySeconds, (int)defaults.HandBackSchedule.Longest.TotalSeconds, 1, MaxDelaySeconds))),
            UseBulkSend = !string.Equals(environment.Text(FunctionVariables.UseBulk), "false", StringComparison.OrdinalIgnoreCase),
            FunctionName = environment.FunctionName(defaults.FunctionName),
            UnsubscribeBaseUrl = UnsubscribeUrl(environment),
            UnsubscribeValidity = TimeSpan.FromDays(environment.Integer(FunctionVariables.UnsubscribeValidityDays, (int)defaults.UnsubscribeValidity.TotalDays, 1, 3650)),
        };
        if (options.HandBackSchedule.Longest < options.HandBackSchedule.First)
        {
            environment.Problem($"{FunctionVariables.HandBackLongestDelaySeconds} must not be below {FunctionVariables.HandBackFirstDelaySeconds}");
        }
        environment.ThrowIfInvalid("sender");
        return options;
    }

    private static Uri? UnsubscribeUrl(FunctionEnvironment environment)
    {
        if (environment.Text(FunctionVariables.UnsubscribeBaseUrl) is not { } text)
        {
            return null;
        }
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.Query.Length == 0 && url.Fragment.Length == 0)
        {
            return url;
        }
        environment.Problem($"{FunctionVariables.UnsubscribeBaseUrl} must be an absolute http(s) URL without query or fragment");
        return null;
    }
}
