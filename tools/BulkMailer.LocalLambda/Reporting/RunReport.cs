using System.Text.Json.Serialization;
using BulkMailer.LocalLambda.Monitoring;

namespace BulkMailer.LocalLambda.Reporting;

/// <summary>
/// The numbers a <c>local run</c> ends with: where the jobs ended, how fast, and how many database connections it
/// took against the budget (sender concurrency + feedback concurrency). Written by <see cref="RunReportWriter"/>.
/// </summary>
public sealed record RunReport
{
    /// <summary>Jobs by <c>mail_message.status</c>.</summary>
    public required IReadOnlyDictionary<string, long> JobsByStatus { get; init; }

    public long TotalJobs => JobsByStatus.Values.Sum();

    /// <summary>Jobs SES accepted (<c>sent</c>, <c>delivered</c>, <c>bounced</c>, <c>complained</c>) per second of <see cref="Duration"/>.</summary>
    public required double SentPerSecond { get; init; }

    /// <summary>From the first job enqueued to the last one final.</summary>
    [JsonIgnore]
    public TimeSpan Duration { get; init; }

    /// <summary><see cref="Duration"/> in seconds, for JSON readers.</summary>
    public double DurationSeconds => Math.Round(Duration.TotalSeconds, 3);

    /// <summary>Most client connections seen on the cluster at once (the sampler's own excluded).</summary>
    public required int PeakConnections { get; init; }

    public required double MeanConnections { get; init; }

    /// <summary>Functions by name (<c>sender</c>, <c>feedback</c>).</summary>
    public required IReadOnlyDictionary<string, FunctionRunStats> Functions { get; init; }

    /// <summary>The connections the design allows: one per execution environment, so the sum of reserved concurrencies.</summary>
    public int ConnectionBudget => Functions.Values.Sum(f => f.Concurrency);

    public bool WithinBudget => PeakConnections <= ConnectionBudget;

    /// <summary>Messages left in each dead-letter queue, by queue name.</summary>
    public required IReadOnlyDictionary<string, long> DlqDepths { get; init; }

    /// <summary>SES events the feedback simulator published, by kind (<c>Send</c>, <c>Delivery</c>, …).</summary>
    public required IReadOnlyDictionary<string, long> FeedbackEventsPublished { get; init; }

    /// <summary>From the first to the last mail SES accepted, in seconds (null: none was accepted).</summary>
    public double? SendingSeconds { get; init; }

    /// <summary>From the start to every job settled (final, SES's verdict recorded), in seconds (null: not settled).</summary>
    public double? SettleSeconds { get; init; }

    /// <summary><see cref="SettleSeconds"/> ÷ <see cref="SendingSeconds"/>: how far feedback lags sending (goal ≤ 2).</summary>
    public double? SettleToSendingRatio => SendingSeconds is > 0 && SettleSeconds is { } settle ? settle / SendingSeconds.Value : null;

    /// <summary>CPU by process group over the run (functions, local Lambda service, emulators, PostgreSQL).</summary>
    public CpuUsage? Cpu { get; init; }

    /// <summary>CPU milliseconds of each function's environments over the run (<c>sender</c>, <c>feedback</c>).</summary>
    public IReadOnlyDictionary<string, double> FunctionCpuMilliseconds { get; init; } = new Dictionary<string, double>();

    /// <summary>The run against an SES account front (rate, throttles, measured vs predicted); null when the sender sent to the emulator directly.</summary>
    public AccountRateReport? AccountRate { get; init; }

    /// <summary>The connection samples behind the peak, mean and chart.</summary>
    public IReadOnlyList<ConnectionSample> ConnectionSamples { get; init; } = [];

    /// <summary>The progress samples behind the sending and settle times and the chart's jobs panel.</summary>
    public IReadOnlyList<ProgressSample> ProgressSamples { get; init; } = [];
}
