using BulkMailer.Deployment.Options;

namespace BulkMailer.UnitTests.Budget;

public sealed class UnsubscribeSettingsTests
{
    private static DeploymentOptions Read(Dictionary<string, string> context, List<string> problems) =>
        DeploymentOptionsReader.Read(key => context.GetValueOrDefault(key), problems);

    [Fact]
    public void The_unsubscribe_knobs_are_read_from_their_context_keys()
    {
        var problems = new List<string>();

        var options = Read(new()
        {
            ["bulkmailer.unsubscribe.reservedConcurrency"] = "3",
            ["bulkmailer.unsubscribe.memoryMb"] = "512",
            ["bulkmailer.unsubscribe.timeoutSeconds"] = "5",
            ["bulkmailer.unsubscribe.linkValidityDays"] = "30",
            ["bulkmailer.unsubscribe.codePath"] = "out/unsubscribe",
        }, problems);

        Assert.Empty(problems);
        Assert.Equal(new UnsubscribeSettings { ReservedConcurrency = 3, MemoryMb = 512, TimeoutSeconds = 5, LinkValidityDays = 30, CodePath = "out/unsubscribe" }, options.Unsubscribe);
    }

    [Fact]
    public void By_default_two_environments_count_two_connections_in_the_budget()
    {
        var line = Assert.Single(DeploymentOptions.Default.ComputeBudget().Functions, f => f.Name == DeploymentOptions.UnsubscribeName);

        Assert.Equal((2, 2L), (line.Concurrency, line.Connections));
        Assert.Equal("artifacts/lambda/unsubscribe", DeploymentOptions.Default.Unsubscribe.CodePath);
    }

    [Fact]
    public void More_reserved_concurrency_moves_the_budget_by_one_connection_each_plus_margin()
    {
        var wider = DeploymentOptions.Default with { Unsubscribe = new UnsubscribeSettings { ReservedConcurrency = 4 } };

        Assert.Equal(DeploymentOptions.Default.ComputeBudget().FunctionConnections + 2, wider.ComputeBudget().FunctionConnections);
    }

    [Theory]
    [InlineData(0, 256, 10, 60, "bulkmailer.unsubscribe.reservedConcurrency = 0")]
    [InlineData(2, 64, 10, 60, "bulkmailer.unsubscribe.memoryMb = 64")]
    [InlineData(2, 256, 0, 60, "bulkmailer.unsubscribe.timeoutSeconds = 0")]
    [InlineData(2, 256, 10, 0, "bulkmailer.unsubscribe.linkValidityDays = 0")]
    public void Out_of_range_unsubscribe_settings_name_their_key(int reserved, int memory, int timeout, int validity, string expected)
    {
        var options = DeploymentOptions.Default with
        {
            Unsubscribe = new UnsubscribeSettings { ReservedConcurrency = reserved, MemoryMb = memory, TimeoutSeconds = timeout, LinkValidityDays = validity },
        };

        Assert.StartsWith(expected, Assert.Single(options.Validate()), StringComparison.Ordinal);
    }
}
