using BulkMailer.Deployment.Budget;

namespace BulkMailer.UnitTests.Budget;

public sealed class SendRatePlannerTests
{
    private static SenderThroughputInput At50Ms { get; } = new() { SesLatencyMs = 50 };

    private static BudgetReport Budget(int maxConnections, int senderConcurrency = 20) => ConnectionBudget.Compute(new BudgetInput
    {
        MaxConnections = maxConnections,
        Functions = [new FunctionDemand("sender", senderConcurrency), new FunctionDemand("feedback", 5)],
    });

    [Fact]
    public void Two_thousand_mails_per_second_at_50_ms_need_21_environments_of_send_email_and_11_of_bulk()
    {
        // 96.15 mails/s per environment (two waves of 8 in flight per batch of 10): 2000 / 96.15 = 20.8.
        SendRatePlan single = SendRatePlanner.Plan(2000, At50Ms, 30, Budget(377, 21), "sender");
        // 185.19 mails/s per environment (one SendBulkEmail per batch): 2000 / 185.19 = 10.8.
        SendRatePlan bulk = SendRatePlanner.Plan(2000, At50Ms with { BulkShare = 1 }, 30, Budget(377, 21), "sender");

        Assert.Equal((21, 21L, 8), (single.EnvironmentsNeeded, single.ConnectionsNeeded, single.FastestBatchSize));
        Assert.Equal(11, bulk.EnvironmentsNeeded);
        Assert.True(single.FitsBudget);
        Assert.Equal(2000, single.ExpectedRate);
        Assert.True(single.AccountRateBinds);
    }

    [Fact]
    public void The_account_rate_caps_what_many_environments_would_send()
    {
        SendRatePlan plan = SendRatePlanner.Plan(14, At50Ms, 30, Budget(377, 20), "sender");

        Assert.Equal(14, plan.ExpectedRate);
        Assert.True(plan.AccountRateBinds);
        Assert.Equal(2, plan.EnvironmentsNeeded);
    }

    [Fact]
    public void Too_few_environments_send_at_their_own_rate_below_the_account_rate()
    {
        SendRatePlan plan = SendRatePlanner.Plan(500, At50Ms, 30, Budget(377, 4), "sender");

        // 4 × 96.154 = 384.6 of 500; 500 / 96.154 = 5.2 → 6 needed.
        Assert.Equal(384.615, plan.ExpectedRate, 3);
        Assert.False(plan.AccountRateBinds);
        Assert.Equal(6, plan.EnvironmentsNeeded);
    }

    [Fact]
    public void A_rate_beyond_the_connection_budget_is_reported_with_what_fits()
    {
        // 43 − 5 = 38 available; feedback 5 → sender at most 20 (20 + 5 + 13 = 38); 2000 mails/s need 21.
        SendRatePlan plan = SendRatePlanner.Plan(2000, At50Ms, 30, Budget(43), "sender");

        Assert.Equal(20, plan.LargestSafeConcurrency);
        Assert.False(plan.FitsBudget);
        Assert.Equal(1923.077, plan.ExpectedRate, 3);
    }

    [Fact]
    public void Concurrency_is_never_planned_below_the_event_source_minimum_of_two()
    {
        Assert.Equal(2, SendRatePlanner.Plan(1, At50Ms, 30, Budget(377), "sender").EnvironmentsNeeded);
    }

    [Fact]
    public void An_exact_multiple_of_the_per_environment_rate_needs_no_extra_environment()
    {
        // 10 calls in flight, no round trips: 10 mails per 100 ms = 100 mails/s.
        var input = new SenderThroughputInput { SesLatencyMs = 100, SendParallelism = 10, DatabaseRoundTripMs = 0 };

        Assert.Equal(14, SendRatePlanner.Plan(1400, input, 30, Budget(377), "sender").EnvironmentsNeeded);
    }

    [Fact]
    public void A_campaign_takes_its_jobs_divided_by_the_expected_rate()
    {
        SendRatePlan plan = SendRatePlanner.Plan(14, At50Ms, 30, Budget(377), "sender");

        Assert.Equal(TimeSpan.FromSeconds(100_000), plan.CampaignDuration(1_400_000));
    }

    [Fact]
    public void A_batch_slower_than_half_the_timeout_is_flagged()
    {
        var slow = new SenderThroughputInput { SesLatencyMs = 5000, SendParallelism = 1, BatchSize = 4, DatabaseRoundTripMs = 0 };

        Assert.False(SendRatePlanner.Plan(1, slow, 30, Budget(377), "sender").BatchFitsTimeout);
        Assert.True(SendRatePlanner.Plan(1, slow with { BatchSize = 3 }, 30, Budget(377), "sender").BatchFitsTimeout);
    }
}
