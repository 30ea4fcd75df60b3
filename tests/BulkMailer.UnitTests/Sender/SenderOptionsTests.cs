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
    public void Every_invalid_value_is_named_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("BULKMAILER_MAX_SEND_RATE", "fast"), ("BULKMAILER_SEND_PARALLELISM", "0")));
        Assert.Contains("BULKMAILER_MAX_SEND_RATE", error.Message, StringComparison.Ordinal);
        Assert.Contains("BULKMAILER_SEND_PARALLELISM", error.Message, StringComparison.Ordinal);
    }
}
