namespace BulkMailer.Deployment.Budget;

/// <summary>
/// Turns the account's SES send rate and the sender's knobs into a <see cref="SendRatePlan"/>, checked against the
/// connection budget: the one send-rate model of <c>bulkmailer budget</c>, the CDK app, <c>local run</c>'s report and
/// the benchmark. One environment's rate is <see cref="SenderThroughput.Of"/>.
/// </summary>
public static class SendRatePlanner
{
    /// <summary>Lambda's event source mapping accepts a maximum concurrency of at least 2.</summary>
    public const int MinimumConcurrency = 2;

    /// <summary>Plans the sender for <paramref name="accountRate"/> mails/s.</summary>
    /// <param name="accountRate">The account's SES maximum send rate.</param>
    /// <param name="input">The sender's knobs.</param>
    /// <param name="functionTimeoutSeconds">The sender's timeout; a batch should use at most half of it.</param>
    /// <param name="budget">The budget the sender lives in; its line gives the deployed concurrency.</param>
    /// <param name="senderName">Which function in <paramref name="budget"/> is the sender.</param>
    public static SendRatePlan Plan(double accountRate, SenderThroughputInput input, int functionTimeoutSeconds, BudgetReport budget, string senderName)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (!(accountRate > 0) || !double.IsFinite(accountRate) || functionTimeoutSeconds <= 0)
        {
            throw new ArgumentException("send rate and timeout must be > 0");
        }

        FunctionBudgetLine sender = budget.Functions.FirstOrDefault(f => string.Equals(f.Name, senderName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No function named '{senderName}' in the budget.", nameof(senderName));

        SenderThroughput throughput = SenderThroughput.Of(input);
        int needed = EnvironmentsFor(accountRate, throughput.PerEnvironmentRate);
        double concurrencyRate = sender.Concurrency * throughput.PerEnvironmentRate;
        double expected = ExpectedRate(accountRate, sender.Concurrency, throughput.PerEnvironmentRate);
        return new SendRatePlan(
            accountRate,
            throughput,
            needed,
            (long)needed * sender.ConnectionsPerEnvironment,
            SenderThroughput.FastestBatchSize(input),
            sender.Concurrency,
            sender.LargestSafeConcurrency,
            sender.LargestSafeConcurrency is not int safe || needed <= safe,
            expected,
            concurrencyRate >= accountRate,
            throughput.BatchMs <= functionTimeoutSeconds * 1000.0 / 2);
    }

    /// <summary>
    /// What <paramref name="environments"/> send at <paramref name="perEnvironmentRate"/> each, capped by the
    /// account rate (the governor's); <paramref name="accountRate"/> 0 means no account cap.
    /// </summary>
    public static double ExpectedRate(double accountRate, int environments, double perEnvironmentRate)
    {
        double sum = environments * perEnvironmentRate;
        return accountRate > 0 ? Math.Min(accountRate, sum) : sum;
    }

    /// <summary>ceil(rate / per-environment rate), at least <see cref="MinimumConcurrency"/>; an exact multiple needs no extra environment.</summary>
    public static int EnvironmentsFor(double rate, double perEnvironmentRate) =>
        (int)Math.Max(MinimumConcurrency, Math.Ceiling(Math.Round(rate / perEnvironmentRate, 9)));
}
