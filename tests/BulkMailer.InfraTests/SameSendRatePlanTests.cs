using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Amazon.CDK.Assertions;
using BulkMailer.Cli.Commands;
using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>One send-rate model, two front doors: the stack's outputs and <c>bulkmailer budget</c> agree for the same input.</summary>
public sealed class SameSendRatePlanTests
{
    [Fact]
    public void Stack_outputs_and_cli_budget_give_the_same_send_rate_plan_for_the_same_input()
    {
        // An account rate the fixture's 20 senders cannot reach at 50 ms per SES call: 20 × 96.154 = 1923.1 mails/s of 2000.
        DeploymentOptions options = TestOptions.NewDatabaseAtTheLimit with
        {
            Ses = TestOptions.NewDatabaseAtTheLimit.Ses with { MaxSendRate = 2000, CallLatencyMs = 50 },
        };
        var stack = new BulkMailerStack(new Amazon.CDK.App(), "BulkMailer", options);
        Template template = Template.FromStack(stack);

        using var output = new StringWriter();
        int exit = BudgetCommand.Create().Parse(
        [
            "--max-connections", "47",
            "--function", "sender:concurrency=20", "--function", "feedback:concurrency=5",
            "--function", "migrator:concurrency=1", "--function", "unsubscribe:concurrency=2",
            "--send-rate", "2000", "--ses-latency-ms", "50", "--batch-size", "10", "--sender-timeout-seconds", "30", "--json",
        ]).Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        using var doc = JsonDocument.Parse(output.ToString());
        JsonElement cli = doc.RootElement.GetProperty("sendRatePlan");

        Assert.Equal(0, exit);
        SendRatePlan cdk = stack.SendRatePlan;
        Assert.Equal((21, 1923.077, false), (cdk.EnvironmentsNeeded, Math.Round(cdk.ExpectedRate, 3), cdk.AccountRateBinds));
        Assert.Equal(
            (cdk.EnvironmentsNeeded, Math.Round(cdk.ExpectedRate, 3), cdk.AccountRateBinds, Math.Round(cdk.Throughput.PerEnvironmentRate, 3)),
            (cli.GetProperty("environmentsNeeded").GetInt32(), cli.GetProperty("expectedRate").GetDouble(), cli.GetProperty("accountRateBinds").GetBoolean(), cli.GetProperty("perEnvironmentRate").GetDouble()));
        template.HasOutput("SendRateExpected", Obj(("Value", cli.GetProperty("expectedRate").GetDouble().ToString("0.###", CultureInfo.InvariantCulture))));
        template.HasOutput("SendRateEnvironmentsNeeded", Obj(("Value", "21")));
        Annotations.FromStack(stack).HasWarning("/BulkMailer", Match.StringLikeRegexp("20 environments reach about 1923.1 mails/s, below the account's 2000: 21 are needed"));
    }
}
