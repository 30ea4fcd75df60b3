using System.CommandLine;
using System.Text.Json;
using BulkMailer.Cli.Commands;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.InfraTests;

public sealed class BudgetCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = BudgetCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Over_budget_exits_three_with_the_numbers_on_stderr()
    {
        (int exit, string output, string error) = Run("--instance-class", "db.t3.micro", "--function", "sender:concurrency=40", "--function", "feedback:concurrency=20");

        Assert.Equal(BudgetCommand.OverBudgetExitCode, exit);
        Assert.Contains("OVER BUDGET", output, StringComparison.Ordinal);
        Assert.StartsWith("Over the connection budget by 22: the functions need 60 connections (sender 40×1 + feedback 20×1) + 30 turnover margin (50 %) = 90, but only 68 are available", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_budget_exits_zero_and_prints_every_term_of_the_table()
    {
        (int exit, string output, string error) = Run("--instance-class", "db.t3.medium", "--function", "sender:concurrency=20", "--function", "feedback:concurrency=5,connections=1", "--other-clients", "10");

        Assert.Equal(BudgetCommand.WithinBudgetExitCode, exit);
        Assert.Empty(error);
        foreach (string line in new[] { "max_connections", "377", "db.t3.medium (4 GiB, estimated)", "= available", "362", "+ turnover margin (50 %)", "= required", "38", "headroom", "324", "largest safe concurrency" })
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_campaign_that_outlives_the_queues_retention_at_the_planned_rate_is_warned_about()
    {
        // 10 environments of 4.99 mails/s each (1 s per SES call) reach the 10 mails/s account rate; 20 million jobs take about 23 days.
        (int exit, _, string error) = Run("--max-connections", "100", "--function", "sender:concurrency=10", "--send-rate", "10", "--mail-latency-ms", "1000", "--campaign-jobs", "20000000");

        Assert.Equal(BudgetCommand.WithinBudgetExitCode, exit);
        Assert.Contains("a campaign of 20000000 jobs at 10 mails/s takes 23.1 days, longer than the queues' 14-day retention", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_campaign_that_drains_inside_the_retention_gets_no_warning()
    {
        (int exit, _, string error) = Run("--max-connections", "100", "--function", "sender:concurrency=10", "--send-rate", "10", "--mail-latency-ms", "1000", "--campaign-jobs", "1000000");

        Assert.Equal(BudgetCommand.WithinBudgetExitCode, exit);
        Assert.Empty(error);
    }

    [Fact]
    public void Campaign_jobs_without_a_send_rate_is_a_usage_error()
    {
        (int exit, _, string error) = Run("--max-connections", "100", "--function", "sender:concurrency=10", "--campaign-jobs", "1000");

        Assert.Equal(BudgetCommand.UsageExitCode, exit);
        Assert.Contains("--campaign-jobs needs --send-rate", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_carries_the_budget_and_the_send_rate_plan()
    {
        (int exit, string output, _) = Run("--max-connections", "100", "--function", "sender:concurrency=10", "--send-rate", "40", "--mail-latency-ms", "100", "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(100, root.GetProperty("maxConnections").GetInt32());
        Assert.Equal(95, root.GetProperty("available").GetInt64());
        Assert.Equal(15, root.GetProperty("required").GetInt64());
        Assert.Equal(80, root.GetProperty("headroom").GetInt64());
        Assert.True(root.GetProperty("withinBudget").GetBoolean());
        Assert.Equal(63, root.GetProperty("functions")[0].GetProperty("largestSafeConcurrency").GetInt32());
        JsonElement plan = root.GetProperty("sendRatePlan");
        // 10 SendEmail calls, 8 in flight: 2 waves × 100 ms + 2 × 2 ms = 204 ms per 10 mails = 49.02 mails/s per environment.
        Assert.Equal(49.02, plan.GetProperty("perEnvironmentRate").GetDouble());
        Assert.Equal(2, plan.GetProperty("environmentsNeeded").GetInt32());
        Assert.Equal(10, plan.GetProperty("batchSize").GetInt32());
        Assert.Equal(40, plan.GetProperty("expectedRate").GetDouble());
        Assert.True(plan.GetProperty("accountRateBinds").GetBoolean());
    }

    [Fact]
    public void The_table_prints_environments_connections_batch_size_expected_rate_and_campaign_time()
    {
        (int exit, string output, _) = Run("--max-connections", "100", "--function", "sender:concurrency=10", "--send-rate", "2000", "--ses-latency-ms", "50", "--bulk-share", "1", "--campaign-jobs", "36000000");

        Assert.Equal(0, exit);
        // One SendBulkEmail per batch of 10: 54 ms → 185.19 mails/s; 11 environments reach 2000, the 10 deployed 1851.85.
        foreach (string line in new[] { "SES calls per batch", "185.19", "environments needed", " 11", "connections needed", "expected mails/s", "1851.85", "10 environments do not reach the account rate", "campaign of 36000000 jobs", "5.4 h" })
        {
            Assert.Contains(line, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sender")]
    [InlineData("sender:concurrency")]
    [InlineData("sender:concurrency=x")]
    [InlineData(":concurrency=3")]
    [InlineData("sender:connections=2")]
    [InlineData("sender:concurrency=3,pool=5")]
    public void Malformed_function_spec_exits_two_with_the_expected_form(string spec)
    {
        (int exit, _, string error) = Run("--max-connections", "100", "--function", spec);

        Assert.Equal(BudgetCommand.UsageExitCode, exit);
        Assert.Contains(spec, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_spec_reads_concurrency_and_connections_per_environment()
    {
        Assert.Equal(new FunctionDemand("sender", 20, 2), BudgetCommand.ParseFunction("sender:concurrency=20,connections=2"));
        Assert.Equal(new FunctionDemand("feedback", 5, 1), BudgetCommand.ParseFunction("feedback:concurrency=5"));
    }

    [Fact]
    public void Send_rate_without_latency_exits_two()
    {
        Assert.Equal(BudgetCommand.UsageExitCode, Run("--max-connections", "100", "--function", "sender:concurrency=2", "--send-rate", "14").ExitCode);
    }
}
