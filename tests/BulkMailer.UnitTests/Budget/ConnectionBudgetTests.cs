using BulkMailer.Deployment.Budget;

namespace BulkMailer.UnitTests.Budget;

public sealed class ConnectionBudgetTests
{
    private static BudgetInput Input(string? instanceClass = null, int? maxConnections = null, params FunctionDemand[] functions) => new()
    {
        InstanceClass = instanceClass,
        MaxConnections = maxConnections,
        Functions = functions,
    };

    [Fact]
    public void The_observed_recycling_at_concurrency_twenty_is_budgeted_as_thirty_connections()
    {
        BudgetReport r = ConnectionBudget.Compute(Input(maxConnections: 100, functions: new FunctionDemand("feedback", 20)));

        Assert.Equal(20, r.FunctionConnections);
        Assert.Equal(10, r.TurnoverMargin);
        Assert.Equal(30, r.Required);
    }

    [Fact]
    public void Db_t3_medium_with_default_concurrency_has_every_term_worked_out()
    {
        BudgetReport r = ConnectionBudget.Compute(Input("db.t3.medium", null, new FunctionDemand("sender", 20), new FunctionDemand("feedback", 5)));

        Assert.Equal(377, r.MaxConnections);
        Assert.Equal(5, r.ReservedSlots);
        Assert.Equal(372, r.Available);
        Assert.Equal(25, r.FunctionConnections);
        Assert.Equal(13, r.TurnoverMargin);
        Assert.Equal(38, r.Required);
        Assert.Equal(334, r.Headroom);
        Assert.True(r.WithinBudget);
        Assert.Equal([243, 228], r.Functions.Select(f => f.LargestSafeConcurrency!.Value));
    }

    [Fact]
    public void Db_t3_micro_over_budget_names_every_number_in_its_message()
    {
        BudgetReport r = ConnectionBudget.Compute(Input("db.t3.micro", null, new FunctionDemand("sender", 40), new FunctionDemand("feedback", 20)));

        Assert.False(r.WithinBudget);
        Assert.Equal(-22, r.Headroom);
        Assert.Equal(
            "Over the connection budget by 22: the functions need 60 connections (sender 40×1 + feedback 20×1) + 30 turnover margin (50 %) = 90, " +
            "but only 68 are available (max_connections 73 from db.t3.micro (1 GiB, estimated) − 5 reserved (3 superuser + 2 rds_superuser) − 0 other clients). " +
            "Largest safe concurrency with the others unchanged: sender 25, feedback 5.",
            r.Summary);
    }

    [Fact]
    public void Db_r6g_large_leaves_room_for_hundreds_of_environments()
    {
        BudgetReport r = ConnectionBudget.Compute(Input("db.r6g.large", null, new FunctionDemand("sender", 200), new FunctionDemand("feedback", 20)) with { OtherClients = 50 });

        Assert.Equal(1594, r.MaxConnections);
        Assert.Equal(1539, r.Available);
        Assert.Equal(330, r.Required);
        Assert.Equal(1209, r.Headroom);
    }

    [Fact]
    public void Exactly_at_the_limit_is_within_budget()
    {
        BudgetReport r = ConnectionBudget.Compute(Input(maxConnections: 43, functions: [new FunctionDemand("sender", 20), new FunctionDemand("feedback", 5)]));

        Assert.Equal(38, r.Available);
        Assert.Equal(38, r.Required);
        Assert.Equal(0, r.Headroom);
        Assert.True(r.WithinBudget);
    }

    [Fact]
    public void One_connection_over_the_limit_is_over_budget()
    {
        BudgetReport r = ConnectionBudget.Compute(Input(maxConnections: 42, functions: [new FunctionDemand("sender", 20), new FunctionDemand("feedback", 5)]));

        Assert.Equal(-1, r.Headroom);
        Assert.False(r.WithinBudget);
    }

    [Fact]
    public void Explicit_max_connections_wins_over_the_instance_class_estimate()
    {
        BudgetReport r = ConnectionBudget.Compute(Input("db.t3.micro", 87, new FunctionDemand("sender", 2)));

        Assert.Equal(87, r.MaxConnections);
        Assert.Equal("given", r.MaxConnectionsSource);
    }

    [Fact]
    public void Turnover_margin_rounds_up_so_half_an_environment_counts_as_one()
    {
        Assert.Equal(13, ConnectionBudget.Margin(25, 50));
        Assert.Equal(0, ConnectionBudget.Margin(0, 50));
        Assert.Equal(1, ConnectionBudget.Margin(1, 1));
    }

    [Fact]
    public void Connections_per_environment_and_other_clients_enter_the_sum()
    {
        BudgetReport r = ConnectionBudget.Compute(new BudgetInput
        {
            MaxConnections = 100,
            OtherClients = 10,
            TurnoverMarginPercent = 0,
            Functions = [new FunctionDemand("sender", 10, ConnectionsPerEnvironment: 3)],
        });

        Assert.Equal(85, r.Available);
        Assert.Equal(30, r.Required);
        Assert.Equal(28, r.Functions[0].LargestSafeConcurrency);
    }

    [Theory]
    [InlineData(68, 50)]
    [InlineData(372, 50)]
    [InlineData(100, 0)]
    [InlineData(101, 33)]
    [InlineData(7, 100)]
    public void Largest_safe_concurrency_fits_and_one_more_environment_does_not(int available, int marginPercent)
    {
        var feedback = new FunctionDemand("feedback", 3);
        var input = new BudgetInput
        {
            MaxConnections = available + 5,
            TurnoverMarginPercent = marginPercent,
            Functions = [new FunctionDemand("sender", 1), feedback],
        };
        int safe = ConnectionBudget.Compute(input).Functions[0].LargestSafeConcurrency!.Value;

        Assert.True(ConnectionBudget.Compute(input with { Functions = [new FunctionDemand("sender", safe), feedback] }).WithinBudget);
        Assert.False(ConnectionBudget.Compute(input with { Functions = [new FunctionDemand("sender", safe + 1), feedback] }).WithinBudget);
    }

    [Fact]
    public void Behind_an_rds_proxy_the_database_sees_only_the_pool()
    {
        BudgetReport r = ConnectionBudget.Compute(Input(maxConnections: 377, functions: new FunctionDemand("sender", 500)) with { ProxyMaxConnectionsPercent = 50 });

        Assert.Equal(188, r.ProxyPoolConnections);
        Assert.Equal(188, r.Required);
        Assert.Equal(0, r.TurnoverMargin);
        Assert.True(r.WithinBudget);
        Assert.Null(r.Functions[0].LargestSafeConcurrency);
    }

    [Fact]
    public void A_budget_without_max_connections_or_instance_class_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ConnectionBudget.Compute(Input(functions: new FunctionDemand("sender", 1))));
    }

    [Fact]
    public void Min_of_reserved_and_max_concurrency_bounds_the_environments()
    {
        Assert.Equal(5, FunctionDemand.FromLimits("feedback", reservedConcurrency: 5, maxConcurrency: 10).Concurrency);
        Assert.Equal(4, FunctionDemand.FromLimits("feedback", reservedConcurrency: 10, maxConcurrency: 4).Concurrency);
    }
}
