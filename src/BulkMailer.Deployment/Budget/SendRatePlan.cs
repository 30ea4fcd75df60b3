namespace BulkMailer.Deployment.Budget;

/// <summary>
/// How the sender reaches the account's SES send rate: environments and connections needed, the rate the deployed
/// concurrency sends at (capped by the account rate) and how long a campaign takes. Produced by
/// <see cref="SendRatePlanner.Plan"/>; <c>bulkmailer budget</c> prints it and the CDK app outputs it.
/// </summary>
/// <param name="AccountRate">The account's SES maximum send rate in mails/s: the governor (<c>BULKMAILER_ACCOUNT_SEND_RATE</c>) keeps all environments together under it.</param>
/// <param name="Throughput">One environment's modelled rate and how it comes about.</param>
/// <param name="EnvironmentsNeeded">ceil(account rate / per-environment rate), at least 2 (the event source mapping minimum).</param>
/// <param name="ConnectionsNeeded">Environments needed × the sender's connections per environment.</param>
/// <param name="FastestBatchSize">The batch size up to 10 that sends fastest with the other knobs (<see cref="SenderThroughput.FastestBatchSize"/>).</param>
/// <param name="DeployedConcurrency">The sender's concurrency in the budget.</param>
/// <param name="LargestSafeConcurrency">The sender's largest concurrency within the connection budget, null when the database does not limit it.</param>
/// <param name="FitsBudget">True when the environments needed fit the connection budget.</param>
/// <param name="ExpectedRate">min(account rate, deployed concurrency × per-environment rate): what the deployment sends at.</param>
/// <param name="AccountRateBinds">True when the account rate, not the sender's concurrency, sets <see cref="ExpectedRate"/>.</param>
/// <param name="BatchFitsTimeout">True when one batch's modelled time is at most half the sender timeout.</param>
public sealed record SendRatePlan(
    double AccountRate,
    SenderThroughput Throughput,
    int EnvironmentsNeeded,
    long ConnectionsNeeded,
    int FastestBatchSize,
    int DeployedConcurrency,
    int? LargestSafeConcurrency,
    bool FitsBudget,
    double ExpectedRate,
    bool AccountRateBinds,
    bool BatchFitsTimeout)
{
    /// <summary>How long <paramref name="jobs"/> take at <see cref="ExpectedRate"/>.</summary>
    public TimeSpan CampaignDuration(long jobs) => QueueRetention.CampaignDuration(jobs, ExpectedRate);
}
