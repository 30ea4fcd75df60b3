using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;

namespace BulkMailer.UnitTests.Budget;

public sealed class DeploymentOptionsTests
{
    [Fact]
    public void Defaults_are_deployable_and_within_budget()
    {
        DeploymentOptions options = DeploymentOptions.Default;

        Assert.Empty(options.Validate());
        // sender 20 + feedback 5 + migrator 1 + unsubscribe 2 + maintenance 1 = 29 connections + 15 turnover margin.
        Assert.Equal(44, options.ComputeBudget().Required);
        Assert.Equal(180, options.Sender.EffectiveVisibilityTimeoutSeconds);
    }

    [Fact]
    public void Default_send_rate_plan_reaches_the_accounts_14_mails_per_second()
    {
        SendRatePlan plan = DeploymentOptions.Default.PlanSendRate();

        Assert.Equal((14.0, true, 2, 20), (plan.ExpectedRate, plan.AccountRateBinds, plan.EnvironmentsNeeded, plan.DeployedConcurrency));
    }

    [Fact]
    public void A_call_latency_of_zero_is_refused_with_its_key()
    {
        var options = DeploymentOptions.Default with { Ses = new SesSettings { CallLatencyMs = 0 } };

        Assert.Contains("bulkmailer.ses.callLatencyMs = 0", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Max_concurrency_above_reserved_concurrency_names_both_knobs()
    {
        var options = DeploymentOptions.Default with { Sender = DeploymentOptions.DefaultSender with { MaxConcurrency = 30 } };

        string problem = Assert.Single(options.Validate());
        Assert.Contains("bulkmailer.sender.maxConcurrency = 30 exceeds bulkmailer.sender.reservedConcurrency = 20", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_concurrency_below_two_is_refused()
    {
        var options = DeploymentOptions.Default with { Feedback = DeploymentOptions.DefaultFeedback with { MaxConcurrency = 1 } };

        Assert.Contains(options.Validate(), p => p.Contains("bulkmailer.feedback.maxConcurrency = 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Batch_above_ten_without_window_is_refused()
    {
        var options = DeploymentOptions.Default with { Feedback = DeploymentOptions.DefaultFeedback with { MaxBatchingWindowSeconds = 0 } };

        string problem = Assert.Single(options.Validate());
        Assert.Contains("bulkmailer.feedback.batchSize = 100 needs a batching window", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Visibility_timeout_below_six_times_the_function_timeout_is_refused()
    {
        var options = DeploymentOptions.Default with { Sender = DeploymentOptions.DefaultSender with { VisibilityTimeoutSeconds = 179 } };

        Assert.Contains("below 6 × bulkmailer.sender.timeoutSeconds = 180", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Over_budget_options_name_the_numbers_and_the_knobs()
    {
        var options = DeploymentOptions.Default with
        {
            Database = new DatabaseSettings { InstanceClass = "db.t3.micro" },
            Sender = DeploymentOptions.DefaultSender with { ReservedConcurrency = 40, MaxConcurrency = 40 },
            Feedback = DeploymentOptions.DefaultFeedback with { ReservedConcurrency = 20, MaxConcurrency = 20 },
        };

        string problem = Assert.Single(options.Validate());
        Assert.StartsWith("Over the connection budget by 28:", problem, StringComparison.Ordinal);
        Assert.Contains("bulkmailer.db.instanceClass", problem, StringComparison.Ordinal);
        Assert.Contains("bulkmailer.sender.maxConcurrency", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_database_without_its_coordinates_lists_each_missing_key()
    {
        var options = DeploymentOptions.Default with { Database = new DatabaseSettings { Mode = DatabaseMode.Existing, UseProxy = true } };

        IReadOnlyList<string> problems = options.Validate();

        foreach (string key in new[] { "endpoint", "secretArn", "securityGroupId", "vpcId", "instanceIdentifier", "privateSubnetIds" })
        {
            Assert.Contains(problems, p => p.Contains("bulkmailer.db.existing." + key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Reader_takes_every_key_it_is_given_and_keeps_defaults_for_the_rest()
    {
        var settings = new Dictionary<string, string>
        {
            ["bulkmailer.sender.batchSize"] = "5",
            ["bulkmailer.sender.reservedConcurrency"] = "12.0",
            ["bulkmailer.sender.maxConcurrency"] = "12",
            ["bulkmailer.architecture"] = "x86_64",
            ["bulkmailer.feedback.rawMessageDelivery"] = "False",
            ["bulkmailer.db.mode"] = "existing",
            ["bulkmailer.db.existing.privateSubnetIds"] = "subnet-a, subnet-b",
            ["bulkmailer.ses.maxSendRate"] = "28.5",
        };
        var problems = new List<string>();

        DeploymentOptions o = DeploymentOptionsReader.Read(k => settings.GetValueOrDefault(k), problems);

        Assert.Empty(problems);
        Assert.Equal(5, o.Sender.BatchSize);
        Assert.Equal(12, o.Sender.ReservedConcurrency);
        Assert.Equal(12, o.Sender.MaxConcurrency);
        Assert.Equal(30, o.Sender.TimeoutSeconds);
        Assert.Equal(FunctionArchitecture.X86_64, o.Architecture);
        Assert.False(o.RawMessageDelivery);
        Assert.Equal(DatabaseMode.Existing, o.Database.Mode);
        Assert.Equal(["subnet-a", "subnet-b"], o.Database.ExistingPrivateSubnetIds);
        Assert.Equal(28.5, o.Ses.MaxSendRate);
        Assert.Equal(DeploymentOptions.DefaultFeedback, o.Feedback);
    }

    [Fact]
    public void Reader_reports_values_that_do_not_parse_instead_of_guessing()
    {
        var problems = new List<string>();

        DeploymentOptionsReader.Read(k => k == "bulkmailer.sender.batchSize" ? "ten" : k == "bulkmailer.db.mode" ? "shared" : null, problems);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("bulkmailer.sender.batchSize = 'ten'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("bulkmailer.db.mode = 'shared'", StringComparison.Ordinal));
    }
}
