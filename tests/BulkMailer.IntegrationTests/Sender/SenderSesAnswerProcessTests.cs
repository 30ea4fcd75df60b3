using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.TestSupport.Ses;

namespace BulkMailer.IntegrationTests.Sender;

/// <summary>
/// The real sender process against PostgreSQL and an SES stand-in that answers as SES's model does: no input and no SES
/// answer fails a good job or the invocation (docs/operators.md, "What the sender does with each SES answer").
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SenderSesAnswerProcessTests(LocalServersFixture stack)
{
    private const string Rows = "select job_id || '|' || status || '|' || (lease_until is null)::text from mail_message order by job_id";

    private static readonly Dictionary<string, string> OneCallAtATime = new() { ["BULKMAILER_SEND_PARALLELISM"] = "1" };

    private static string Job(string jobId, string to, string? template = null, string? campaign = "c1") => SenderUnderTest.Job(jobId, to, template, campaign);

    [Fact]
    public async Task Poison_text_never_fails_the_batch_the_bad_jobs_are_recorded_rejected_and_the_good_ones_sent()
    {
        await using var ses = SesStandIn.Start();
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-poison-text", ses.Endpoint);

        var outcome = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("nul-to", "x\u0000@example.com")),
            ("m2", Job("nul-campaign", "b@example.com", campaign: "camp\u0000aign")),
            ("m3", Job("emoji-cut", new string('a', 253) + "\U0001F600" + "@x.com")),
            ("m4", Job("good-1", "d@example.com")),
            ("m5", Job("good-2", "e@example.com"))), TimeSpan.FromSeconds(30));

        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Empty(SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(["emoji-cut|rejected", "good-1|sent", "good-2|sent", "nul-campaign|rejected", "nul-to|rejected"],
            await TableState.LinesAsync(sender.Db, "select job_id || '|' || status from mail_message order by job_id"));
        Assert.Equal(
            ["emoji-cut|to must be exactly one valid recipient address", "nul-campaign|campaignId must be at most 128 characters of valid Unicode without control characters",
             "nul-to|to must be exactly one valid recipient address"],
            await TableState.LinesAsync(sender.Db, "select job_id || '|' || last_error from mail_message where status = 'rejected' order by job_id"));
        // What was stored is what could be: the NUL replaced, the address cut before the emoji, not inside it.
        Assert.Equal(new string('a', 253), await stack.ScalarAsync<string>(sender.Db, "select recipient from mail_message where job_id = 'emoji-cut'"));
        Assert.Equal("x\uFFFD@example.com", await stack.ScalarAsync<string>(sender.Db, "select recipient from mail_message where job_id = 'nul-to'"));
        Assert.Equal(2, ses.Requests.Count);
    }

    [Fact]
    public async Task A_bulk_call_SES_refuses_over_one_entry_sends_the_valid_neighbours_and_fails_only_that_entry()
    {
        await using var ses = SesStandIn.Start();
        ses.RefuseRequestsTo("refused@example.com", "Illegal address");
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-bulk-400", ses.Endpoint, OneCallAtATime);

        var outcome = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("t1", "a@example.com", "welcome")),
            ("m2", Job("t2", "refused@example.com", "welcome")),
            ("m3", Job("t3", "c@example.com", "welcome"))), TimeSpan.FromSeconds(30));

        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Empty(SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(["t1|sent|true", "t2|failed|true", "t3|sent|true"], await TableState.LinesAsync(sender.Db, Rows));
        Assert.StartsWith("BadRequestException", await stack.ScalarAsync<string>(sender.Db, "select last_error from mail_message where job_id = 't2'"));
        Assert.Equal(["/v2/email/outbound-bulk-emails", "/v2/email/outbound-emails", "/v2/email/outbound-emails", "/v2/email/outbound-emails"],
            ses.Requests.Select(r => r.Path));
        Assert.Equal(2, ses.BadRequests);
    }

    [Fact]
    public async Task Jobs_breaking_SES_rules_are_rejected_before_any_request_SES_would_refuse()
    {
        await using var ses = SesStandIn.Start();
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-ses-rules", ses.Endpoint);
        static string With(string body, string fields) => body[..^1] + "," + fields + "}";

        var outcome = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", With(Job("dotted-tag", "a@example.com", "welcome"), "\"tags\":{\"campaign\":\"spring.2026\"}")),
            ("m2", With(Job("at-tag", "b@example.com", "welcome"), "\"tags\":{\"owner\":\"ada@example.com\"}")),
            ("m3", With(Job("accented-header", "c@example.com", "welcome"), "\"headers\":{\"X-Note\":\"caf\\u00e9\"}")),
            ("m4", With(Job("long-header", "d@example.com", "welcome"), $"\"headers\":{{\"X-Note\":\"{new string('v', 996)}\"}}")),
            ("m5", With(Job("colon-header", "e@example.com"), "\"headers\":{\"X:Y\":\"v\"}")),
            ("m6", With(Job("long-job-tag-" + new string('\u00e9', 90), "f@example.com"), "\"tags\":{\"campaign\":\"spring\"}")),
            ("m7", With(Job("good-1", "g@example.com", "welcome"), "\"tags\":{\"campaign\":\"spring-2026\"}")),
            ("m8", With(Job("good-2", "h@example.com", "welcome"), "\"headers\":{\"List-Unsubscribe\":\"<https://acme.example/u/42>\"}"))), TimeSpan.FromSeconds(30));

        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Empty(SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(6, await stack.ScalarAsync<long>(sender.Db, "select count(*) from mail_message where status = 'rejected' and last_error is not null"));
        Assert.Equal(["good-1|sent", "good-2|sent"], await TableState.LinesAsync(sender.Db, "select job_id || '|' || status from mail_message where status <> 'rejected' order by job_id"));
        Assert.Equal(0, ses.BadRequests);
    }

    [Fact]
    public async Task A_404_page_from_a_wrong_endpoint_hands_the_batch_back_fails_nothing_and_logs_an_error()
    {
        await using var ses = SesStandIn.Start();
        ses.Script(SesStandInReply.HtmlPage(404));
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-404", ses.Endpoint, OneCallAtATime);

        var outcome = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("j1", "a@example.com")), ("m2", Job("j2", "b@example.com")), ("m3", Job("j3", "c@example.com"))), TimeSpan.FromSeconds(30));

        Assert.False(outcome.IsError, outcome.BodyText);
        Assert.Equal(["m1", "m2", "m3"], SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(["j1|sending|true", "j2|sending|true", "j3|sending|true"], await TableState.LinesAsync(sender.Db, Rows));
        Assert.Single(ses.Requests);
        Assert.Contains(sender.Process.Lines, l => l.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal) && l.Contains("Http404", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_error_after_SES_read_the_request_keeps_the_lease_and_a_rate_refusal_releases_it()
    {
        await using var ses = SesStandIn.Start();
        ses.Script(SesStandInReply.MaximumSendingRateExceeded(), SesStandInReply.HtmlPage(502), SesStandInReply.Error(503, "ServiceUnavailable"), SesStandInReply.Error(504, "RequestTimeout"));
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-5xx", ses.Endpoint, OneCallAtATime);

        var outcome = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("a-throttled", "a@example.com")), ("m2", Job("b-502", "b@example.com")),
            ("m3", Job("c-503", "c@example.com")), ("m4", Job("d-504", "d@example.com"))), TimeSpan.FromSeconds(30));

        Assert.Equal(["m1", "m2", "m3", "m4"], SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(["a-throttled|sending|true", "b-502|sending|false", "c-503|sending|false", "d-504|sending|false"], await TableState.LinesAsync(sender.Db, Rows));
        Assert.StartsWith("TooManyRequestsException", await stack.ScalarAsync<string>(sender.Db, "select last_error from mail_message where job_id = 'a-throttled'"));
    }

    [Fact]
    public async Task A_bulk_SUCCESS_without_message_ids_keeps_the_leases_because_SES_may_have_sent_them()
    {
        await using var ses = SesStandIn.Start();
        ses.Script(SesStandInReply.BulkSuccessWithoutMessageIds(2));
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-no-id", ses.Endpoint);

        var outcome = await sender.Runtime.InvokeAsync(SqsEvents.Build(
            ("m1", Job("t1", "a@example.com", "welcome")), ("m2", Job("t2", "b@example.com", "welcome"))), TimeSpan.FromSeconds(30));

        Assert.Equal(["m1", "m2"], SqsEvents.Failures(outcome.BodyText));
        Assert.Equal(["t1|sending|false", "t2|sending|false"], await TableState.LinesAsync(sender.Db, Rows));
    }

    [Fact]
    public async Task A_missing_template_stops_the_batch_fails_no_job_and_a_redrive_after_the_fix_sends_every_job()
    {
        await using var ses = SesStandIn.Start();
        ses.Script(SesStandInReply.Error(404, "NotFoundException", "Template welcome does not exist"));
        await using var sender = await SenderUnderTest.StartAsync(stack, "sender-no-template", ses.Endpoint, OneCallAtATime);
        var batch = SqsEvents.Build(
            ("m1", Job("t1", "a@example.com", "welcome")), ("m2", Job("t2", "b@example.com", "welcome")), ("m3", Job("s3", "c@example.com")));

        var broken = await sender.Runtime.InvokeAsync(batch, TimeSpan.FromSeconds(30));

        Assert.Equal(["m1", "m2", "m3"], SqsEvents.Failures(broken.BodyText));
        Assert.Equal(["s3|sending|true", "t1|sending|true", "t2|sending|true"], await TableState.LinesAsync(sender.Db, Rows));
        Assert.Single(ses.Requests);
        Assert.Contains(sender.Process.Lines, l => l.Contains("\"level\":\"ERROR\"", StringComparison.Ordinal) && l.Contains("NotFoundException", StringComparison.Ordinal));

        // The operator creates the template (the stand-in now answers success) and redrives the same messages.
        var redriven = await sender.Runtime.InvokeAsync(batch, TimeSpan.FromSeconds(30));

        Assert.Empty(SqsEvents.Failures(redriven.BodyText));
        Assert.Equal(["s3|sent|true", "t1|sent|true", "t2|sent|true"], await TableState.LinesAsync(sender.Db, Rows));
    }
}
