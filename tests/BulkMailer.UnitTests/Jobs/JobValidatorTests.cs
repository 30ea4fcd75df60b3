using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Jobs;

public sealed class JobValidatorTests
{
    private const string Valid = """{"jobId":"c/1","from":"Acme <news@acme.example>","to":"ada@example.com","subject":"Hi","text":"x"}""";

    private static string? Reject(string body) => JobValidator.Parse(body).RejectReason;

    [Fact]
    public void The_contract_example_is_valid()
    {
        var body = """
            {"jobId":"welcome-2026-11-22/000042","campaignId":"welcome-2026-11-22","from":"Acme News <news@acme.example>",
             "to":"ada@example.com","replyTo":["support@acme.example"],"subject":"Hello {{name}}","text":"plain body",
             "html":"<p>html body</p>","template":{"name":"welcome-v3","data":{"name":"Ada"}},"tags":{"campaign":"welcome"},
             "configurationSet":"bulkmailer-events","headers":{"List-Unsubscribe":"<https://acme.example/u/42>"}}
            """;
        var result = JobValidator.Parse(body);
        Assert.True(result.IsValid, result.RejectReason);
        Assert.Equal("welcome-v3", result.Job!.Template!.Name);
    }

    [Fact]
    public void Unknown_fields_are_ignored() =>
        Assert.Null(Reject(Valid.Replace("}", ""","priority":"high","x":{"y":1}}""", StringComparison.Ordinal)));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"jobId":42,"from":"a@b.example","to":"c@d.example","subject":"s","text":"t"}""")]
    [InlineData("""{"from":"a@b.example","to":"c@d.example","subject":"s","text":"t"}""")]
    [InlineData("""{"jobId":"x","from":"a@b.example","to":["c@d.example"],"subject":"s","text":"t"}""")]
    public void Wrong_types_and_missing_fields_are_rejected_with_a_reason(string body) =>
        Assert.False(string.IsNullOrWhiteSpace(Reject(body)));

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ada@example")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@example.com, bob@example.com")]
    [InlineData("Ada <ada@example.com")]
    [InlineData("ada@exa mple.com")]
    public void Invalid_or_multiple_recipients_are_rejected(string to) =>
        Assert.Equal("to must be exactly one valid recipient address", Reject(Valid.Replace("ada@example.com", to, StringComparison.Ordinal)));

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("ada+label@mail.example.co.uk")]
    public void Plain_and_named_mailboxes_are_accepted(string to) =>
        Assert.Null(Reject(Valid.Replace("ada@example.com", to, StringComparison.Ordinal)));

    [Theory]
    [InlineData("""{"jobId":"c/1","from":"a@b.example","to":"c@d.example","subject":"Hi\r\nBcc: victim@example.com","text":"x"}""", "subject contains CR, LF or another control character")]
    [InlineData("""{"jobId":"c/1","from":"a@b.example","to":"c@d.example","subject":"Hi","text":"x","headers":{"X-A":"v\nBcc: v@x.example"}}""", "header X-A contains CR, LF or another control character")]
    [InlineData("""{"jobId":"c/1","from":"a@b.example\r\nBcc: v@x.example","to":"c@d.example","subject":"Hi","text":"x"}""", "from is not a valid mailbox (address or \"Name <address>\")")]
    [InlineData("""{"jobId":"c/1","from":"a@b.example","to":"c@d.example","subject":"Hi","text":"x","headers":{"Bad Name":"v"}}""", "a header name is not a valid RFC 5322 field name")]
    public void Header_injection_is_rejected(string body, string reason) => Assert.Equal(reason, Reject(body));

    [Fact]
    public void A_body_over_the_size_limit_is_rejected()
    {
        var big = new string('x', JobRules.MaxContentBytes + 1);
        Assert.Equal($"content is larger than {JobRules.MaxContentBytes} bytes", Reject(Valid.Replace("\"text\":\"x\"", $"\"text\":\"{big}\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_body_exactly_at_the_size_limit_is_accepted()
    {
        var text = new string('x', JobRules.MaxContentBytes - "Hi".Length);
        Assert.Null(Reject(Valid.Replace("\"text\":\"x\"", $"\"text\":\"{text}\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"jobId":"c/1","from":"a@b.example","to":"c@d.example","subject":"Hi"}""", "at least one of text or html is required")]
    [InlineData("""{"jobId":"c/1","from":"a@b.example","to":"c@d.example","text":"x"}""", "either template or subject with text or html is required")]
    [InlineData("""{"jobId":"","from":"a@b.example","to":"c@d.example","subject":"s","text":"x"}""", "jobId must be 1-128 characters")]
    public void Content_and_id_rules_name_the_missing_piece(string body, string reason) => Assert.Equal(reason, Reject(body));

    [Fact]
    public void A_template_job_needs_no_subject_or_body() =>
        Assert.Null(Reject("""{"jobId":"t/1","from":"a@b.example","to":"c@d.example","template":{"name":"welcome","data":{"n":1}}}"""));

    [Fact]
    public void Reserved_and_malformed_tags_are_rejected()
    {
        Assert.Equal("tag names starting with 'bulkmailer' are reserved",
            Reject(Valid.Replace("}", ""","tags":{"bulkmailer-job":"x"}}""", StringComparison.Ordinal)));
        Assert.StartsWith("tag names and values", Reject(Valid.Replace("}", ""","tags":{"campaign":"has space"}}""", StringComparison.Ordinal)));
    }
}
