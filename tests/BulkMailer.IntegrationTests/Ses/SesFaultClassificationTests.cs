using Amazon.Runtime;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;
using BulkMailer.TestSupport.Ses;

namespace BulkMailer.IntegrationTests.Ses;

/// <summary>
/// The SES client over real HTTP against the fault-injecting stand-in: every failure SES can produce comes
/// back with the kind the sender's retry policy needs and the right ambiguity.
/// </summary>
public sealed class SesFaultClassificationTests : IAsyncLifetime
{
    private SesStandIn _ses = null!;

    public Task InitializeAsync()
    {
        _ses = SesStandIn.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ses.DisposeAsync();

    public static TheoryData<int, string, SesErrorKind, bool> Faults => new()
    {
        { 429, "TooManyRequestsException", SesErrorKind.Transient, false },
        { 400, "LimitExceededException", SesErrorKind.Transient, false },
        { 500, "InternalFailure", SesErrorKind.Transient, true },
        { 503, "ServiceUnavailable", SesErrorKind.Transient, true },
        { 400, "MessageRejected", SesErrorKind.Permanent, false },
        { 400, "BadRequestException", SesErrorKind.Permanent, false },
        { 400, "MailFromDomainNotVerifiedException", SesErrorKind.Systemic, false },
        { 404, "NotFoundException", SesErrorKind.Systemic, false },
        { 400, "SendingPausedException", SesErrorKind.Systemic, false },
        { 400, "AccountSuspendedException", SesErrorKind.Systemic, false },
    };

    /// <summary>A 4xx is a refusal (nothing sent); a 5xx came after SES had the request, so it may have sent it.</summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public async Task An_ses_error_answer_is_classified_and_said_to_be_ambiguous_only_for_a_server_error(int status, string code, SesErrorKind kind, bool ambiguous)
    {
        _ses.Script(SesStandInReply.Error(status, code));
        using var client = Client();

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((kind, code, status, ambiguous), (error.Kind, error.ErrorCode, error.StatusCode, error.IsAmbiguous));
        Assert.NotNull(error.AwsRequestId);
    }

    [Fact]
    public async Task The_rate_refusal_SES_sends_is_transient_throttled_and_certainly_not_accepted()
    {
        _ses.Script(SesStandInReply.MaximumSendingRateExceeded());
        using var client = Client();

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((SesErrorKind.Transient, true, false), (error.Kind, error.IsThrottled, error.IsAmbiguous));
        Assert.Contains("Maximum sending rate exceeded.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_page_without_an_SES_error_code_is_systemic()
    {
        _ses.Script(SesStandInReply.HtmlPage(404));
        using var client = Client();

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((SesErrorKind.Systemic, "Http404", false), (error.Kind, error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_request_breaking_an_SES_model_rule_is_refused_whole_with_BadRequestException()
    {
        using var client = Client();
        var bulk = Bulk(2);
        bulk.BulkEmailEntries![1].ReplacementTags = [new MessageTag { Name = "campaign", Value = "spring.2026" }];

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendBulkEmailAsync(bulk));

        Assert.Equal((SesErrorKind.Permanent, "BadRequestException", 400), (error.Kind, error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task A_plain_500_without_an_error_code_is_transient_and_ambiguous()
    {
        _ses.Script(SesStandInReply.Raw(500, "Internal Server Error"));
        using var client = Client();

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((SesErrorKind.Transient, 500, true), (error.Kind, error.StatusCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_connection_dropped_after_the_request_arrived_is_transient_and_ambiguous()
    {
        _ses.Script(SesStandInReply.Drop());
        using var client = Client();

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((SesErrorKind.Transient, "NetworkError", true), (error.Kind, error.ErrorCode, error.IsAmbiguous));
        Assert.Single(_ses.Requests);
    }

    [Fact]
    public async Task An_answer_slower_than_the_request_timeout_is_transient_and_ambiguous()
    {
        _ses.Script(SesStandInReply.Slow(TimeSpan.FromSeconds(5)));
        using var client = Client(TimeSpan.FromMilliseconds(500));

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((SesErrorKind.Transient, "RequestTimeout", true), (error.Kind, error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task A_closed_port_is_a_network_error_that_certainly_sent_nothing()
    {
        var closed = new Uri($"http://127.0.0.1:{BulkMailer.LocalServers.Support.FreePort.Next()}/");
        using var client = new SesClient(new SesClientOptions { Region = "us-east-1", Endpoint = closed, Credentials = new BasicAWSCredentials("local", "local") });

        var error = await Assert.ThrowsAsync<SesException>(() => client.SendEmailAsync(Mail()));

        Assert.Equal((SesErrorKind.Transient, "NetworkError", false), (error.Kind, error.ErrorCode, error.IsAmbiguous));
    }

    [Fact]
    public async Task Bulk_entry_statuses_come_back_classified_per_destination()
    {
        _ses.Script(SesStandInReply.Bulk(BulkEmailStatus.Success, BulkEmailStatus.MessageRejected, BulkEmailStatus.AccountThrottled, BulkEmailStatus.AccountSendingPaused));
        using var client = Client();

        var response = await client.SendBulkEmailAsync(Bulk(4));

        Assert.Equal([null, SesErrorKind.Permanent, SesErrorKind.Transient, SesErrorKind.Systemic], response.BulkEmailEntryResults!.Select(r => r.FailureKind));
        Assert.Equal("standin-bulk-0", response.BulkEmailEntryResults![0].MessageId);
    }

    [Fact]
    public async Task Requests_reach_ses_signed_for_service_ses_with_the_json_content_type()
    {
        using var client = Client();

        await client.SendEmailAsync(Mail());

        var request = Assert.Single(_ses.Requests);
        Assert.Equal(("POST", "/v2/email/outbound-emails"), (request.Method, request.Path));
        Assert.Contains("/us-east-1/ses/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("\"FromEmailAddress\":\"news@acme.example\"", request.Body, StringComparison.Ordinal);
    }

    private SesClient Client(TimeSpan? timeout = null) => new(new SesClientOptions
    {
        Region = "us-east-1",
        Endpoint = _ses.Endpoint,
        Credentials = new BasicAWSCredentials("local", "local"),
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    private static SendEmailRequest Mail() => new()
    {
        FromEmailAddress = "news@acme.example",
        Destination = new Destination { ToAddresses = ["ada@example.com"] },
        Content = new EmailContent { Simple = new Message { Subject = Content.Utf8("s"), Body = new Body { Text = Content.Utf8("t") } } },
    };

    private static SendBulkEmailRequest Bulk(int entries) => new()
    {
        FromEmailAddress = "news@acme.example",
        DefaultContent = new BulkEmailContent { Template = new Template { TemplateName = "t", TemplateData = "{}" } },
        BulkEmailEntries = Enumerable.Range(0, entries).Select(i => new BulkEmailEntry { Destination = new Destination { ToAddresses = [$"r{i}@example.com"] } }).ToList(),
    };
}
