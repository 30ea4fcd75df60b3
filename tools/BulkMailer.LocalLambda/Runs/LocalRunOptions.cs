namespace BulkMailer.LocalLambda.Runs;

/// <summary>
/// The knobs of <c>local run</c> (docs/contract.md). Queue settings (visibility timeout, redrive) come from the
/// deployment defaults in BulkMailer.Deployment.Options, the same ones the CDK app deploys. Concurrency defaults are
/// smaller than the deployed ones (20 and 5) because every environment here is a real process on a 2-core machine.
/// </summary>
public sealed record LocalRunOptions
{
    /// <summary>Jobs in the sample campaign (default 2000).</summary>
    public int Jobs { get; init; } = 2000;

    /// <summary>Sender reserved concurrency = its mapping's maximum concurrency (default 4).</summary>
    public int SenderConcurrency { get; init; } = 4;

    /// <summary>Feedback reserved concurrency = its mapping's maximum concurrency (default 2).</summary>
    public int FeedbackConcurrency { get; init; } = 2;

    /// <summary>Sender batch size (default 10, as deployed).</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>Sender batching window (default 0, as deployed).</summary>
    public TimeSpan BatchingWindow { get; init; } = TimeSpan.Zero;

    /// <summary>Where report.md, report.json and connections.png go; null prints the report only.</summary>
    public string? ReportDirectory { get; init; }

    /// <summary>Publish the functions as Native AOT, as deployed (default); false publishes them framework-dependent (JIT), quicker to build.</summary>
    public bool NativeAot { get; init; } = true;

    /// <summary>Prebuilt bootstrap executables or bootstrap.dll files, skipping the publish step (tests pass their builds).</summary>
    public string? SenderExecutable { get; init; }

    public string? FeedbackExecutable { get; init; }

    /// <summary>PostgreSQL idle_session_timeout, as the infra's parameter group sets it (default 5 min).</summary>
    public TimeSpan IdleSessionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Destroy environments idle this long, as Lambda recycles them (default: keep them).</summary>
    public TimeSpan? RecycleAfterIdle { get; init; }

    /// <summary>Give up when the campaign has not settled in this time (default 10 min).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The SES account's maximum send rate (mails/s) enforced by an SES account front before the emulator; the sender
    /// gets it as <c>BULKMAILER_ACCOUNT_SEND_RATE</c>. Default 0: no rate (and no front unless <see cref="SesLatency"/> is set).
    /// </summary>
    public double SesMaxSendRate { get; init; }

    /// <summary>The time the SES account front takes per send call. Default 0: no front unless <see cref="SesMaxSendRate"/> is set.</summary>
    public TimeSpan SesLatency { get; init; }

    /// <summary>True when the sender sends through an SES account front.</summary>
    public bool UsesSesFront => SesMaxSendRate > 0 || SesLatency > TimeSpan.Zero;

    /// <summary>Folder for function logs and published code, kept after the run; default a temp folder deleted at the end.</summary>
    public string? WorkDirectory { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Jobs < 1)
        {
            problems.Add("--jobs must be at least 1");
        }
        if (SenderConcurrency < 2 || FeedbackConcurrency < 2)
        {
            problems.Add("--sender-concurrency and --feedback-concurrency must be at least 2 (Lambda's minimum maximum concurrency)");
        }
        if (BatchSize is < 1 or > 10000)
        {
            problems.Add("--batch-size must be 1-10000");
        }
        if (!(SesMaxSendRate >= 0) || !double.IsFinite(SesMaxSendRate) || SesLatency < TimeSpan.Zero)
        {
            problems.Add("--ses-max-send-rate and --ses-latency-ms must be 0 or more");
        }
        if (BatchSize > 10 && BatchingWindow <= TimeSpan.Zero)
        {
            problems.Add("--batch-size above 10 needs --batching-window-ms > 0 (as Lambda requires)");
        }
        return problems;
    }
}
