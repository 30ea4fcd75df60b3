using BulkMailer.Cli.Commands;
using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;

namespace BulkMailer.InfraTests;

/// <summary>One input, two front doors: <c>bulkmailer budget</c> and the CDK guard must print the same numbers.</summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class SameArithmeticTests(NewDatabaseStack fixture)
{
    [Fact]
    public void Cli_budget_and_cdk_guard_compute_equal_numbers_for_the_same_input()
    {
        // The configuration the fixture synthesized (max_connections 49, sender 20, feedback 5, migrator 1, unsubscribe 2, maintenance 1, margin 50 %) as CLI flags.
        BudgetReport cli = ConnectionBudget.Compute(BudgetCommand.ParseInput(
        [
            "--max-connections", "49",
            "--function", "sender:concurrency=20,connections=1",
            "--function", "feedback:concurrency=5",
            "--function", "migrator:concurrency=1",
            "--function", "unsubscribe:concurrency=2",
            "--function", "maintenance:concurrency=1",
            "--turnover-margin", "50",
        ]));
        BudgetReport cdk = fixture.Stack.Budget;

        Assert.Equal(
            (cdk.MaxConnections, cdk.Available, cdk.FunctionConnections, cdk.TurnoverMargin, cdk.Required, cdk.Headroom),
            (cli.MaxConnections, cli.Available, cli.FunctionConnections, cli.TurnoverMargin, cli.Required, cli.Headroom));
        Assert.Equal(cdk.Functions, cli.Functions);
        Assert.Equal(cdk.Summary, cli.Summary);
        Assert.Equal((49, 44L, 44L, 0L), (cli.MaxConnections, cli.Available, cli.Required, cli.Headroom));
    }

    [Fact]
    public void Over_budget_input_is_refused_by_the_guard_with_the_sentence_the_cli_prints()
    {
        BudgetReport cli = ConnectionBudget.Compute(BudgetCommand.ParseInput(
        [
            "--instance-class", "db.t3.micro",
            "--function", "sender:concurrency=40",
            "--function", "feedback:concurrency=20",
            "--function", "migrator:concurrency=1",
            "--function", "unsubscribe:concurrency=2",
            "--function", "maintenance:concurrency=1",
            "--other-clients", "3",
        ]));
        var options = TestOptions.NewDatabaseAtTheLimit with
        {
            OtherClients = 3,
            Database = new DatabaseSettings { InstanceClass = "db.t3.micro" },
            Sender = TestOptions.NewDatabaseAtTheLimit.Sender with { ReservedConcurrency = 40, MaxConcurrency = 40 },
            Feedback = TestOptions.NewDatabaseAtTheLimit.Feedback with { ReservedConcurrency = 20, MaxConcurrency = 20 },
        };

        var e = Assert.Throws<DeploymentValidationException>(() => new BulkMailerStack(new Amazon.CDK.App(), "BulkMailer", options));

        Assert.False(cli.WithinBudget);
        Assert.Equal(-31, cli.Headroom);
        Assert.StartsWith(cli.Summary, Assert.Single(e.Problems), StringComparison.Ordinal);
    }
}
