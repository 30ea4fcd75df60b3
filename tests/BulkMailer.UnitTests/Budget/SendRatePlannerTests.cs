using BulkMailer.Deployment.Budget;

namespace BulkMailer.UnitTests.Budget;

public sealed class SendRatePlannerTests
{
    private static BudgetReport Budget(int maxConnections, int senderConcurrency = 20) => ConnectionBudget.Compute(new BudgetInput
    {
        MaxConnections = maxConnections,
        Functions = [new FunctionDemand("sender", senderConcurrency), new FunctionDemand("feedback", 5)],
    });

    [Fact]
    public void Fifty_mails_per_second_at_120_ms_needs_six_environments_in_batches_of_ten()
    {
        SendRatePlan plan = SendRatePlanner.Plan(50, 120, 30, Budget(377), "sender");

        Assert.Equal(8.333, plan.PerEnvironmentRate, 3);
        Assert.Equal(6, plan.ConcurrencyNeeded);
        Assert.Equal(10, plan.BatchSize);
        Assert.True(plan.Reachable);
        Assert.Equal(50, plan.AchievableRate);
        Assert.Equal(8.333, plan.MaxSendRatePerEnvironment, 3);
    }

    [Fact]
    public void A_rate_beyond_the_budget_is_reported_with_the_rate_that_fits()
    {
        // 43 − 5 = 38 available; feedback 5 → sender at most 20 (20 + 5 + 13 = 38).
        SendRatePlan plan = SendRatePlanner.Plan(500, 100, 30, Budget(43), "sender");

        Assert.Equal(50, plan.ConcurrencyNeeded);
        Assert.Equal(20, plan.LargestSafeConcurrency);
        Assert.False(plan.Reachable);
        Assert.Equal(200, plan.AchievableRate, 6);
        Assert.Equal(10, plan.MaxSendRatePerEnvironment, 6);
    }

    [Fact]
    public void Slow_mails_shrink_the_batch_to_half_the_timeout()
    {
        Assert.Equal(3, SendRatePlanner.Plan(1, 5000, 30, Budget(377), "sender").BatchSize);
        Assert.Equal(1, SendRatePlanner.Plan(1, 60000, 30, Budget(377), "sender").BatchSize);
    }

    [Fact]
    public void Concurrency_is_never_planned_below_the_event_source_minimum_of_two()
    {
        Assert.Equal(2, SendRatePlanner.Plan(1, 10, 30, Budget(377), "sender").ConcurrencyNeeded);
    }

    [Fact]
    public void An_exact_multiple_of_the_per_environment_rate_needs_no_extra_environment()
    {
        Assert.Equal(14, SendRatePlanner.Plan(14, 1000, 30, Budget(377), "sender").ConcurrencyNeeded);
    }
}
