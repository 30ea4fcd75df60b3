namespace BulkMailer.Bench.AccountRate;

/// <summary>One run of the account-rate scenario: one mode at one sender concurrency.</summary>
public sealed record AccountRateResult
{
    public required string Mode { get; init; }

    public required int Concurrency { get; init; }

    public required int Jobs { get; init; }

    /// <summary>Jobs in a final status at the end.</summary>
    public required long Final { get; init; }

    public required long InDlq { get; init; }

    public required long Pending { get; init; }

    /// <summary>Jobs whose recipient SES accepted more than once.</summary>
    public required long Duplicated { get; init; }

    /// <summary>Final, not dead-lettered, not duplicated (<c>GoodputAccount.Good</c>).</summary>
    public required long Good { get; init; }

    /// <summary>Good jobs ÷ the run's whole duration.</summary>
    public required double GoodputPerSecond { get; init; }

    /// <summary>Send calls the SES front received.</summary>
    public required int SendCalls { get; init; }

    /// <summary>Send calls the front refused "Maximum sending rate exceeded.".</summary>
    public required int ThrottledCalls { get; init; }

    /// <summary>Throttle answers the senders logged (one per refused SendEmail): must equal <see cref="ThrottledCalls"/>.</summary>
    public required int ThrottlesSeenBySenders { get; init; }

    /// <summary>Mails the front let through and the emulator accepted.</summary>
    public required int AcceptedMails { get; init; }

    /// <summary>Accepted mails ÷ the span from the first acceptance to the last (the front's clock).</summary>
    public required double AchievedRate { get; init; }

    /// <summary>The account rate of the run.</summary>
    public required double AccountRate { get; init; }

    /// <summary>The send-rate model's prediction for the mode and concurrency (<see cref="AccountRateMode.PredictedRate"/>).</summary>
    public required double PredictedRate { get; init; }

    /// <summary>Sent jobs whose permit wait the senders wrote (<c>SendPermitWait</c>); 0 without a governor.</summary>
    public int PermitWaitSamples { get; init; }

    /// <summary>Median of the sent jobs' waits from the claim's answer to their send slot, ms (null: no samples).</summary>
    public double? PermitWaitP50Ms { get; init; }

    /// <summary>95th percentile of the sent jobs' permit waits, ms (nearest rank; null: no samples).</summary>
    public double? PermitWaitP95Ms { get; init; }

    /// <summary>Longest sent job's permit wait, ms (null: no samples).</summary>
    public double? PermitWaitMaxMs { get; init; }

    /// <summary>Most database connections at once.</summary>
    public required int PeakConnections { get; init; }

    public required double DurationSeconds { get; init; }

    public required bool TimedOut { get; init; }

    /// <summary>Why the run broke off (an exception), null when it ran to the end or its time limit.</summary>
    public string? Error { get; init; }

    /// <summary>settled, timed out, or the error.</summary>
    public string Outcome => Error is { } error ? "error: " + error : TimedOut ? "timed out" : "settled";

    /// <summary>A run that broke off before it could be measured.</summary>
    public static AccountRateResult Broken(string mode, int concurrency, AccountRateOptions options, string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AccountRateResult
        {
            Mode = mode,
            Concurrency = concurrency,
            Jobs = options.JobsPerRun,
            Final = 0,
            InDlq = 0,
            Pending = options.JobsPerRun,
            Duplicated = 0,
            Good = 0,
            GoodputPerSecond = 0,
            SendCalls = 0,
            ThrottledCalls = 0,
            ThrottlesSeenBySenders = 0,
            AcceptedMails = 0,
            AchievedRate = 0,
            AccountRate = options.AccountRate,
            PredictedRate = AccountRateMode.PredictedRate(mode, options.AccountRate, concurrency, AccountRateRunner.ModelInput(options)),
            PeakConnections = 0,
            DurationSeconds = 0,
            TimedOut = false,
            Error = error,
        };
    }

    /// <summary>Achieved ÷ account rate.</summary>
    public double AchievedToAccountRate => AccountRate > 0 ? AchievedRate / AccountRate : 0;

    /// <summary>Achieved ÷ predicted.</summary>
    public double AchievedToPredicted => PredictedRate > 0 ? AchievedRate / PredictedRate : 0;

    /// <summary>Good jobs per database connection held (peak): what each connection of the budget bought.</summary>
    public double JobsPerConnection => PeakConnections > 0 ? (double)Good / PeakConnections : 0;
}
