namespace BulkMailer.Bench.AccountRate;

/// <summary>The account-rate scenario's runs, measured one after the other on one local stack.</summary>
public sealed record AccountRateBenchReport
{
    public required AccountRateOptions Options { get; init; }

    public required IReadOnlyList<AccountRateResult> Results { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int ProcessorCount { get; init; }

    /// <summary>Mails/s one environment sends by the send-rate model at the run's latency and batch size.</summary>
    public required double ModelPerEnvironmentRate { get; init; }
}
