using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.IntegrationTests.Sender;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>
/// docs/operators.md, Unsubscribe, end to end on the local stack: the real sender signs the link into the mail SES
/// accepted (aws-ses-v2-local), the link POSTed to the running unsubscribe function suppresses the address, and the
/// next job to it ends <c>suppressed</c> without a send.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class UnsubscribeEndToEndTests(LocalServersFixture stack)
{
    [Fact]
    public async Task A_sent_mails_one_click_link_posted_to_the_function_suppresses_the_next_job_to_that_address()
    {
        var m = Guid.NewGuid().ToString("N")[..8];
        var reader = $"reader.{m}@example.com";
        var templated = $"templated.{m}@example.com";
        await SesStore.CreateTemplateAsync(stack.SesEndpoint, "unsubscribe-welcome", "Welcome {{name}}", "Hello {{name}}");
        await using var unsubscribe = await UnsubscribeUnderTest.StartAsync(stack, "unsub-e2e");
        await using var sender = await SenderUnderTest.StartAsync(stack, "unsub-e2e-sender", db: unsubscribe.Db, extra: new Dictionary<string, string>
        {
            ["BULKMAILER_UNSUBSCRIBE_BASE_URL"] = unsubscribe.Front.Url.ToString(),
            ["BULKMAILER_UNSUBSCRIBE_KEY"] = UnsubscribeUnderTest.Key,
        });

        var first = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", SenderUnderTest.Job("first", reader)),
            ("m2", SenderUnderTest.Job("templated", templated, "unsubscribe-welcome"))), timeout: TimeSpan.FromSeconds(30));
        Assert.False(first.IsError, first.BodyText);

        var headers = await StoredMailHeaders.OfMailToAsync(stack.SesEndpoint, reader);
        Assert.Equal("List-Unsubscribe=One-Click", headers["List-Unsubscribe-Post"]);
        var header = headers["List-Unsubscribe"];
        Assert.StartsWith($"<{unsubscribe.Front.Url}?t=", header, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", (await StoredMailHeaders.OfMailToAsync(stack.SesEndpoint, templated))["List-Unsubscribe-Post"]);

        var posted = await unsubscribe.PostAsync(header[1..^1]);
        Assert.Equal(200, posted.Status);
        Assert.Equal([$"{reader}|unsubscribe|unsubscribe-link"], await unsubscribe.SuppressionsAsync());

        var second = await sender.Runtime.InvokeAsync(SqsEvents.Build(("m3", SenderUnderTest.Job("second", reader))), timeout: TimeSpan.FromSeconds(30));
        Assert.False(second.IsError, second.BodyText);
        Assert.Equal(["first|sent", "second|suppressed", "templated|sent"],
            await TableState.LinesAsync(unsubscribe.Db, "select job_id || '|' || status from mail_message order by job_id"));
        Assert.Equal([reader], await SesStore.RecipientsAsync(stack.SesEndpoint, $"reader.{m}"));
    }

    [Fact]
    public async Task A_sender_given_an_unsubscribe_url_but_no_key_fails_init_naming_the_missing_variable()
    {
        await using var sender = await SenderUnderTest.StartAsync(stack, "unsub-nokey-sender", extra: new Dictionary<string, string>
        {
            ["BULKMAILER_UNSUBSCRIBE_BASE_URL"] = "https://unsubscribe.example/",
        });

        var report = await sender.Runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("BULKMAILER_UNSUBSCRIBE_KEY_SECRET_ARN", report.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_function_without_a_key_fails_init_and_never_answers()
    {
        var runtime = RuntimeApiServer.Start();
        await using (runtime)
        {
            await using var process = FunctionProcess.Start("BulkMailer.Unsubscribe.Bootstrap", runtime.RuntimeApiAddress, new Dictionary<string, string>
            {
                ["BULKMAILER_DB"] = await stack.NewDatabaseAsync("unsub-nokey"),
            });

            var report = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Contains("BULKMAILER_UNSUBSCRIBE_KEY_SECRET_ARN", report.BodyText, StringComparison.Ordinal);
        }
    }
}
