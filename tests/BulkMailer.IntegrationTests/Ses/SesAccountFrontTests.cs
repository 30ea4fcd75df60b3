using Amazon.Runtime;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalServers.Ses;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;

namespace BulkMailer.IntegrationTests.Ses;

/// <summary>The account front before the real SES emulator: one rate and one daily quota for every caller, as SES enforces them.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class SesAccountFrontTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Sends_over_the_account_rate_are_refused_as_SES_throttles_them_and_never_reach_the_emulator()
    {
        await using var front = SesAccountFront.Start(stack.SesEndpoint, new SesAccountLimits { MaxSendRate = 5 });
        using var client = Client(front);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Send(client, i)));

        var throttled = outcomes.Count(o => o is { Kind: SesErrorKind.Transient, IsThrottled: true });
        Assert.Equal(12, front.SendCalls);
        Assert.Equal(front.RateRefusals, throttled);
        Assert.Equal(12 - throttled, front.AcceptedMails);
        Assert.InRange(front.AcceptedMails, 5, 6);
        Assert.True(front.MostAcceptedWithin(TimeSpan.FromSeconds(1)) <= 6);
    }

    [Fact]
    public async Task A_call_that_would_pass_the_daily_quota_is_refused_with_SES_daily_quota_message()
    {
        await using var front = SesAccountFront.Start(stack.SesEndpoint, new SesAccountLimits { Max24HourSend = 3 });
        using var client = Client(front);

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Send(client, i));
        }
        var refused = await Send(client, 3);

        Assert.Contains("Daily message quota exceeded.", refused?.Message, StringComparison.Ordinal);
        Assert.Equal((3, 1), (front.AcceptedMails, front.QuotaRefusals));
    }

    [Fact]
    public async Task GetAccount_reports_the_quota_and_the_mails_sent_or_is_refused_as_for_a_role_without_the_permission()
    {
        await using var front = SesAccountFront.Start(stack.SesEndpoint, new SesAccountLimits { MaxSendRate = 14, Max24HourSend = 50_000 });
        await using var denied = SesAccountFront.Start(stack.SesEndpoint, new SesAccountLimits { AnswersGetAccount = false });
        using var http = new HttpClient();
        using var client = Client(front);
        Assert.Null(await Send(client, 0));

        var quota = await http.GetStringAsync(new Uri(front.Endpoint, "v2/email/account"));
        using var refusal = await http.GetAsync(new Uri(denied.Endpoint, "v2/email/account"));

        Assert.Contains("\"Max24HourSend\":50000", quota, StringComparison.Ordinal);
        Assert.Contains("\"MaxSendRate\":14", quota, StringComparison.Ordinal);
        Assert.Contains("\"SentLast24Hours\":1", quota, StringComparison.Ordinal);
        Assert.Equal(403, (int)refusal.StatusCode);
    }

    private static SesClient Client(SesAccountFront front) => new(new SesClientOptions
    {
        Region = "us-east-1",
        Endpoint = front.Endpoint,
        Credentials = new BasicAWSCredentials("local", "local"),
    });

    private static async Task<SesException?> Send(SesClient client, int n)
    {
        try
        {
            await client.SendEmailAsync(new SendEmailRequest
            {
                FromEmailAddress = "news@acme.example",
                Destination = new Destination { ToAddresses = [$"front{n}@example.com"] },
                Content = new EmailContent { Simple = new Message { Subject = Content.Utf8("s"), Body = new Body { Text = Content.Utf8("b") } } },
            });
            return null;
        }
        catch (SesException refused)
        {
            return refused;
        }
    }
}
