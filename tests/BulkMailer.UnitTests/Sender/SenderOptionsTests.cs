using BulkMailer.Lambda.Configuration;
using BulkMailer.Sender;

namespace BulkMailer.UnitTests.Sender;

public sealed class SenderOptionsTests
{
    private static SenderOptions Read(params (string Name, string Value)[] variables) =>
        SenderOptions.From(new FunctionEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value));

    [Fact]
    public void Unset_variables_give_the_written_down_defaults()
    {
        var options = Read();
        Assert.Equal(new SenderOptions(), options);
        Assert.Equal(8, options.SendParallelism);
        Assert.Equal(TimeSpan.FromSeconds(12), options.DeadlineMargin);
        Assert.Equal(0, options.MaxSendRate);
    }

    [Fact]
    public void Contract_variables_are_read()
    {
        var options = Read(("BULKMAILER_CONFIGURATION_SET", "events"), ("BULKMAILER_MAX_SEND_RATE", "0.7"), ("AWS_LAMBDA_FUNCTION_NAME", "sender-prod"));
        Assert.Equal("events", options.DefaultConfigurationSet);
        Assert.Equal(0.7, options.MaxSendRate);
        Assert.Equal("sender-prod", options.FunctionName);
    }

    [Fact]
    public void The_account_send_rate_is_unset_by_default_and_read_when_set()
    {
        Assert.Null(Read().AccountSendRate);
        Assert.Equal(40, Read(("BULKMAILER_ACCOUNT_SEND_RATE", "40")).AccountSendRate);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("fast")]
    public void An_account_send_rate_that_is_not_above_zero_is_refused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("BULKMAILER_ACCOUNT_SEND_RATE", value)));
        Assert.Contains("BULKMAILER_ACCOUNT_SEND_RATE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_value_is_named_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("BULKMAILER_MAX_SEND_RATE", "fast"), ("BULKMAILER_SEND_PARALLELISM", "0")));
        Assert.Contains("BULKMAILER_MAX_SEND_RATE", error.Message, StringComparison.Ordinal);
        Assert.Contains("BULKMAILER_SEND_PARALLELISM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_allowed_configuration_sets_are_read_as_a_comma_separated_list_beside_the_default()
    {
        var options = Read(("BULKMAILER_CONFIGURATION_SET", "events"), ("BULKMAILER_ALLOWED_CONFIGURATION_SETS", " marketing, ,billing "));

        Assert.Equal(["marketing", "billing"], options.AllowedConfigurationSets);
        Assert.True(options.ConfigurationSets.Permits("events"));
        Assert.True(options.ConfigurationSets.Permits("billing"));
        Assert.False(options.ConfigurationSets.Permits("other"));
    }
}
