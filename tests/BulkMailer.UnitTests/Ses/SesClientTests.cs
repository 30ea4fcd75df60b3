using BulkMailer.Lambda.Configuration;
using System.Net;
using System.Text;
using Amazon.Runtime;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Ses;

/// <summary>How SesClient turns transport outcomes into results and classified, ambiguity-flagged errors.</summary>
public sealed class SesClientTests
{
    private static readonly SendEmailRequest Mail = new()
    {
        FromEmailAddress = "news@acme.example",
        Destination = new Destination { ToAddresses = ["ada@example.com"] },
        Content = new EmailContent { Simple = new Message { Subject = Content.Utf8("s"), Body = new Body { Text = Content.Utf8("t") } } },
    };

    [Fact]
    public async Task A_successful_send_returns_the_message_id_from_the_post_to_outbound_emails()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200, """{"MessageId":"m-123"}""")));
        using var client = Client(handler);

        var response = await client.SendEmailAsync(Mail);

        Assert.Equal("m-123", response.MessageId);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://ses.test/v2/email/outbound-emails", sent.RequestUri!.ToString());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKID/", Assert.Single(sent.Headers.GetValues("Authorization")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_type_header_classifies_the_failure_and_marks_it_certainly_not_accepted()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = Json(429, """{"message":"Maximum sending rate exceeded."}""");
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/");
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
            return Task.FromResult(response);
        });
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail));

        Assert.Equal((SesErrorKind.Transient, "TooManyRequestsException", 429, false, "req-1"),
            (error.Kind, error.ErrorCode, error.StatusCode, error.IsAmbiguous, error.AwsRequestId));
    }

    [Theory]
    [InlineData("""{"__type":"com.amazonaws.sesv2#MessageRejected","message":"Email address is not verified."}""", 400, "MessageRejected", SesErrorKind.Permanent, false)]
    [InlineData("""{"code":"SendingPausedException","message":"paused"}""", 400, "SendingPausedException", SesErrorKind.Systemic, false)]
    [InlineData("""{"type":"NotFoundException","message":"The resource you attempted to access doesn't exist."}""", 404, "NotFoundException", SesErrorKind.Systemic, false)]
    [InlineData("<html>not found</html>", 404, "Http404", SesErrorKind.Systemic, false)]
    [InlineData("<html>bad gateway</html>", 502, "Http502", SesErrorKind.Transient, true)]
    public async Task Without_the_header_the_error_code_comes_from_the_body_or_the_status(string body, int status, string code, SesErrorKind kind, bool ambiguous)
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(status, body)));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail));

        Assert.Equal((kind, code, ambiguous), (error.Kind, error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_connection_that_cannot_be_opened_is_transient_and_certainly_not_accepted()
    {
        var handler = new ScriptedHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail));

        Assert.Equal((SesErrorKind.Transient, "NetworkError", false), (error.Kind, error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_connection_lost_after_the_request_was_written_is_ambiguous()
    {
        var handler = new ScriptedHandler(async (request, ct) =>
        {
            await request.Content!.ReadAsByteArrayAsync(ct);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset");
        });
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail));

        Assert.Equal((SesErrorKind.Transient, "NetworkError", true), (error.Kind, error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_request_timeout_after_the_request_was_written_is_transient_and_ambiguous()
    {
        var handler = new ScriptedHandler(async (request, ct) =>
        {
            await request.Content!.ReadAsByteArrayAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Client(handler, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail));

        Assert.Equal((SesErrorKind.Transient, "RequestTimeout", true, (int?)null), (error.Kind, error.ErrorCode, error.IsAmbiguous, error.StatusCode));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_surfaces_as_operation_canceled_not_as_a_timeout()
    {
        var handler = new ScriptedHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        using var client = Client(handler);
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendEmailAsync(Mail, caller.Token));
    }

    [Fact]
    public async Task A_success_status_without_a_message_id_is_ambiguous_because_ses_may_have_sent_it()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200, "{}")));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail));

        Assert.Equal(("InvalidResponse", true), (error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_bulk_send_returns_one_classified_result_per_entry()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200,
            """{"BulkEmailEntryResults":[{"Status":"SUCCESS","MessageId":"a"},{"Status":"ACCOUNT_THROTTLED","Error":"slow down"}]}""")));
        using var client = Client(handler);

        var response = await client.SendBulkEmailAsync(Bulk(2));

        Assert.Equal("http://ses.test/v2/email/outbound-bulk-emails", Assert.Single(handler.Requests).RequestUri!.ToString());
        Assert.Equal([null, SesErrorKind.Transient], response.BulkEmailEntryResults!.Select(r => r.FailureKind));
    }

    [Fact]
    public async Task A_bulk_answer_with_fewer_results_than_entries_is_ambiguous()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200, """{"BulkEmailEntryResults":[{"Status":"SUCCESS","MessageId":"a"}]}""")));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendBulkEmailAsync(Bulk(2)));

        Assert.True(error.IsAmbiguous);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task A_bulk_request_outside_1_to_50_entries_is_refused_before_sending(int entries)
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200, "{}")));
        using var client = Client(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.SendBulkEmailAsync(Bulk(entries)));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Warming_up_with_explicit_credentials_sends_nothing()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200, "{}")));
        using var client = Client(handler);

        await client.WarmUpAsync();

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void The_endpoint_comes_from_the_ses_override_then_the_global_override_then_the_region()
    {
        var both = SesOptionsFrom(Env(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_SES", "http://127.0.0.1:4600"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:9")));
        var global = SesOptionsFrom(Env(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:9")));
        var regional = SesOptionsFrom(Env(("AWS_DEFAULT_REGION", "ap-south-1")));

        Assert.Equal("http://127.0.0.1:4600/", both.Endpoint.ToString());
        Assert.Equal("http://127.0.0.1:9/", global.Endpoint.ToString());
        Assert.Equal(("ap-south-1", "https://email.ap-south-1.amazonaws.com/"), (regional.Region, regional.Endpoint.ToString()));
    }

    [Fact]
    public async Task GetAccount_is_a_signed_get_of_the_account_and_reads_the_send_quota()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Json(200,
            """{"SendQuota":{"Max24HourSend":50000.0,"MaxSendRate":14.0,"SentLast24Hours":1234.0},"SendingEnabled":true}""")));
        using var client = Client(handler);

        var account = await client.GetAccountAsync();

        Assert.Equal((50000.0, 14.0, 1234.0), (account.SendQuota!.Max24HourSend, account.SendQuota.MaxSendRate, account.SendQuota.SentLast24Hours));
        var sent = Assert.Single(handler.Requests);
        Assert.Equal((HttpMethod.Get, "http://ses.test/v2/email/account"), (sent.Method, sent.RequestUri!.ToString()));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKID/", Assert.Single(sent.Headers.GetValues("Authorization")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAccount_refused_for_a_role_without_the_permission_is_a_systemic_error()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = Json(403, """{"message":"User is not authorized to perform: ses:GetAccount"}""");
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/");
            return Task.FromResult(response);
        });
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<SesException>(() => client.GetAccountAsync());

        Assert.Equal((SesErrorKind.Systemic, "AccessDeniedException"), (error.Kind, error.ErrorCode));
    }

    private static SesClient Client(ScriptedHandler handler, TimeSpan? timeout = null) => new(new SesClientOptions
    {
        Region = "us-east-1",
        Endpoint = new Uri("http://ses.test"),
        Credentials = new BasicAWSCredentials("AKID", "SECRET"),
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(5),
    }, handler);

    private static SendBulkEmailRequest Bulk(int entries) => new()
    {
        FromEmailAddress = "news@acme.example",
        DefaultContent = new BulkEmailContent { Template = new Template { TemplateName = "t", TemplateData = "{}" } },
        BulkEmailEntries = Enumerable.Range(0, entries).Select(i => new BulkEmailEntry { Destination = new Destination { ToAddresses = [$"r{i}@example.com"] } }).ToList(),
    };

    private static HttpResponseMessage Json(int status, string body) => new((HttpStatusCode)status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
    };

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>SES options as the sender builds them from its environment.</summary>
    private static SesClientOptions SesOptionsFrom(Func<string, string?> variables)
    {
        var environment = new FunctionEnvironment(variables);
        return SesClientOptions.For(environment.Region, environment.SesEndpoint);
    }
}
