using BulkMailer.Lambda.Configuration;
using BulkMailer.Maintenance;

namespace BulkMailer.UnitTests.Maintenance;

public sealed class MaintenanceOptionsTests
{
    private static MaintenanceOptions From(Dictionary<string, string> variables) =>
        MaintenanceOptions.From(new FunctionEnvironment(name => variables.GetValueOrDefault(name)));

    [Fact]
    public void Without_variables_events_are_kept_ninety_days_and_deleted_ten_thousand_per_statement()
    {
        var options = From([]);

        Assert.Equal((90, 10_000, "bulkmailer-maintenance"), (options.EventRetentionDays, options.PruneBatchSize, options.FunctionName));
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromHours(24), 20), (options.StopMargin, options.ActiveCampaignWindow, options.MaxCampaigns));
    }

    [Fact]
    public void Retention_batch_size_and_function_name_are_read_from_the_environment()
    {
        var options = From(new()
        {
            [FunctionVariables.EventRetentionDays] = "30",
            [FunctionVariables.PruneBatchSize] = "500",
            [FunctionVariables.FunctionName] = "bm-maintenance",
        });

        Assert.Equal((30, 500, "bm-maintenance"), (options.EventRetentionDays, options.PruneBatchSize, options.FunctionName));
    }

    [Fact]
    public void Every_invalid_value_is_named_in_one_init_failure()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From(new()
        {
            [FunctionVariables.EventRetentionDays] = "0",
            [FunctionVariables.PruneBatchSize] = "ten",
        }));

        Assert.StartsWith("invalid maintenance configuration: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("BULKMAILER_EVENT_RETENTION_DAYS must be a whole number from 1 to 3650, not '0'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("BULKMAILER_PRUNE_BATCH_SIZE must be a whole number from 1 to 100000, not 'ten'", refused.Message, StringComparison.Ordinal);
    }
}
