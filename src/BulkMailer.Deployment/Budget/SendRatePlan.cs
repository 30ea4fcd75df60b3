namespace BulkMailer.Deployment.Budget;

/// <summary>
/// How to reach a target send rate: the sender concurrency and batch size, and whether the connection budget allows it.
/// Produced by <see cref="SendRatePlanner.Plan"/>.
/// </summary>
/// <param name="TargetRate">Mails per second wanted (usually the account's SES maximum send rate).</param>
/// <param name="MailLatencyMs">Measured time one environment spends per mail (SES call plus its share of the batch's two round trips).</param>
/// <param name="PerEnvironmentRate">Mails per second one environment sends: 1000 / latency.</param>
/// <param name="ConcurrencyNeeded">ceil(target / per-environment rate), at least 2 (the event source mapping minimum).</param>
/// <param name="BatchSize">Mails per invocation: as many as fit in half the timeout, at most 10 (larger batches need a batching window and add latency, not throughput).</param>
/// <param name="LargestSafeConcurrency">The sender's largest concurrency within the connection budget, null when the database does not limit it.</param>
/// <param name="Reachable">True when the needed concurrency fits the budget.</param>
/// <param name="AchievableRate">The rate reachable within the budget (the target when reachable).</param>
/// <param name="MaxSendRatePerEnvironment">What to set as <c>BULKMAILER_MAX_SEND_RATE</c>: target / concurrency, so the environments together never exceed the target.</param>
public sealed record SendRatePlan(
    double TargetRate,
    double MailLatencyMs,
    double PerEnvironmentRate,
    int ConcurrencyNeeded,
    int BatchSize,
    int? LargestSafeConcurrency,
    bool Reachable,
    double AchievableRate,
    double MaxSendRatePerEnvironment);
