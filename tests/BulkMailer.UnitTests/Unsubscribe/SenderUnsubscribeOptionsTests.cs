using BulkMailer.Lambda.Configuration;
using BulkMailer.Sender;

namespace BulkMailer.UnitTests.Unsubscribe;

public sealed class SenderUnsubscribeOptionsTests
{
    private static SenderOptions From(Dictionary<string, string> variables) =>
        SenderOptions.From(new FunctionEnvironment(name => variables.GetValueOrDefault(name)));

    [Fact]
    public void Without_an_unsubscribe_url_the_sender_adds_no_links()
    {
        var options = From([]);

        Assert.Null(options.UnsubscribeBaseUrl);
        Assert.Equal(TimeSpan.FromDays(60), options.UnsubscribeValidity);
    }

    [Fact]
    public void The_unsubscribe_url_and_link_validity_are_read_from_the_environment()
    {
        var options = From(new()
        {
            [FunctionVariables.UnsubscribeBaseUrl] = "https://abc.lambda-url.eu-west-1.on.aws/",
            [FunctionVariables.UnsubscribeValidityDays] = "30",
        });

        Assert.Equal(new Uri("https://abc.lambda-url.eu-west-1.on.aws/"), options.UnsubscribeBaseUrl);
        Assert.Equal(TimeSpan.FromDays(30), options.UnsubscribeValidity);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/")]
    [InlineData("https://example.com/?t=x")]
    [InlineData("/relative")]
    public void An_unusable_unsubscribe_url_fails_init_naming_the_variable(string url)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From(new() { [FunctionVariables.UnsubscribeBaseUrl] = url }));

        Assert.Contains(FunctionVariables.UnsubscribeBaseUrl, refused.Message, StringComparison.Ordinal);
    }
}
