using Amazon.CDK;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;

namespace BulkMailer.InfraTests;

public sealed class BudgetGuardTests
{
    private static readonly Dictionary<string, object> OverBudgetContext = new()
    {
        ["bulkmailer.db.instanceClass"] = "db.t3.micro",
        ["bulkmailer.sender.reservedConcurrency"] = 40,
        ["bulkmailer.sender.maxConcurrency"] = 40,
        ["bulkmailer.feedback.reservedConcurrency"] = "20",
        ["bulkmailer.feedback.maxConcurrency"] = "20",
    };

    // The synth entry point exactly as Program.cs runs it: context → options → stack.
    private static App SynthFromContext(Dictionary<string, object> context)
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object>(TestOptions.PlaceholderContext.Concat(context)) });
        _ = new BulkMailerStack(app, "BulkMailer", ContextOptions.Read(app.Node));
        return app;
    }

    [Fact]
    public void Over_budget_configuration_fails_synth_with_the_numbers_and_the_knobs_to_turn()
    {
        var e = Assert.Throws<DeploymentValidationException>(() => SynthFromContext(OverBudgetContext));

        string problem = Assert.Single(e.Problems);
        Assert.Equal(
            "Over the connection budget by 28: the functions need 64 connections (sender 40×1 + feedback 20×1 + migrator 1×1 + unsubscribe 2×1 + maintenance 1×1) + 32 turnover margin (50 %) = 96, " +
            "but only 68 are available (max_connections 73 from db.t3.micro (1 GiB, estimated) − 5 reserved (3 superuser + 2 rds_superuser) − 0 other clients). " +
            "Largest safe concurrency with the others unchanged: sender 21, feedback 1, migrator 0, unsubscribe 0, maintenance 0. " + DeploymentOptions.KnobAdvice,
            problem);
        Assert.Contains("bulkmailer.sender.maxConcurrency", problem, StringComparison.Ordinal);
        Assert.Contains("bulkmailer.db.instanceClass", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_configuration_leaves_no_half_built_stack_in_the_app()
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object>(TestOptions.PlaceholderContext.Concat(OverBudgetContext)) });

        Assert.Throws<DeploymentValidationException>(() => new BulkMailerStack(app, "BulkMailer", ContextOptions.Read(app.Node)));
        Assert.Empty(app.Node.Children);
    }

    [Fact]
    public void Max_concurrency_above_reserved_concurrency_fails_synth()
    {
        var e = Assert.Throws<DeploymentValidationException>(() => SynthFromContext(new Dictionary<string, object>
        {
            ["bulkmailer.sender.reservedConcurrency"] = 10,
            ["bulkmailer.sender.maxConcurrency"] = 15,
        }));

        Assert.Contains("bulkmailer.sender.maxConcurrency = 15 exceeds bulkmailer.sender.reservedConcurrency = 10", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_size_above_ten_without_a_batching_window_fails_synth()
    {
        var e = Assert.Throws<DeploymentValidationException>(() => SynthFromContext(new Dictionary<string, object>
        {
            ["bulkmailer.sender.batchSize"] = 50,
        }));

        Assert.Contains(
            "bulkmailer.sender.batchSize = 50 needs a batching window: Lambda requires bulkmailer.sender.maxBatchingWindowSeconds ≥ 1 for SQS batches above 10 (it is 0).",
            Assert.Single(e.Problems),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Context_value_that_does_not_parse_fails_synth_naming_the_key()
    {
        var e = Assert.Throws<DeploymentValidationException>(() => SynthFromContext(new Dictionary<string, object>
        {
            ["bulkmailer.feedback.maxConcurrency"] = "five",
        }));

        Assert.Equal("bulkmailer.feedback.maxConcurrency = 'five': expected a whole number.", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_directory_with_a_bootstrap_counts_as_published_and_the_placeholder_ships_with_the_app()
    {
        string dir = Directory.CreateTempSubdirectory("bulkmailer-publish-").FullName;
        try
        {
            Assert.False(FunctionCode.IsPublished(dir));
            File.WriteAllText(Path.Combine(dir, "bootstrap"), "");
            Assert.True(FunctionCode.IsPublished(dir));
            Assert.True(FunctionCode.IsPublished(FunctionCode.PlaceholderDirectory));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
