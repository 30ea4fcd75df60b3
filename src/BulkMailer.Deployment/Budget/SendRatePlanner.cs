namespace BulkMailer.Deployment.Budget;

/// <summary>
/// Turns a target send rate and a measured per-mail latency into a sender concurrency and batch size, checked against
/// the connection budget. One environment sends its batch one mail after another, so its rate is 1000 / latency; the
/// batch's two database round trips are part of the measured latency.
/// </summary>
public static class SendRatePlanner
{
    /// <summary>Lambda's event source mapping accepts a maximum concurrency of at least 2.</summary>
    public const int MinimumConcurrency = 2;

    /// <summary>Largest SQS batch that needs no batching window.</summary>
    public const int MaxBatchWithoutWindow = 10;

    /// <summary>Plans the sender for <paramref name="targetRate"/> mails/s.</summary>
    /// <param name="targetRate">Mails per second wanted.</param>
    /// <param name="mailLatencyMs">Measured milliseconds per mail in one environment.</param>
    /// <param name="functionTimeoutSeconds">The sender's timeout; a batch is sized to use at most half of it.</param>
    /// <param name="budget">The budget the sender lives in.</param>
    /// <param name="senderName">Which function in <paramref name="budget"/> is the sender.</param>
    public static SendRatePlan Plan(double targetRate, double mailLatencyMs, int functionTimeoutSeconds, BudgetReport budget, string senderName)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (!(targetRate > 0) || !(mailLatencyMs > 0) || functionTimeoutSeconds <= 0)
        {
            throw new ArgumentException("send rate, mail latency and timeout must be > 0");
        }

        FunctionBudgetLine sender = budget.Functions.FirstOrDefault(f => string.Equals(f.Name, senderName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No function named '{senderName}' in the budget.", nameof(senderName));

        double perEnvironment = 1000.0 / mailLatencyMs;
        int needed = (int)Math.Max(MinimumConcurrency, Math.Ceiling(Math.Round(targetRate / perEnvironment, 9)));
        int batch = (int)Math.Clamp(Math.Floor(functionTimeoutSeconds * 1000.0 / 2 / mailLatencyMs), 1, MaxBatchWithoutWindow);
        bool reachable = sender.LargestSafeConcurrency is not int safe || needed <= safe;
        double achievable = reachable ? targetRate : Math.Min(targetRate, sender.LargestSafeConcurrency!.Value * perEnvironment);
        int environments = reachable ? needed : Math.Max(1, sender.LargestSafeConcurrency!.Value);

        return new SendRatePlan(
            targetRate,
            mailLatencyMs,
            perEnvironment,
            needed,
            batch,
            sender.LargestSafeConcurrency,
            reachable,
            achievable,
            achievable / environments);
    }
}
