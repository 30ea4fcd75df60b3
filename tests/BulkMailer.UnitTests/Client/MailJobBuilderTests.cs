using System.Text.Json;
using BulkMailer.Client.Jobs;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Client;

public sealed class MailJobBuilderTests
{
    [Fact]
    public void A_template_job_builds_with_its_data_as_a_json_object()
    {
        var job = MailJobBuilder.ForJob("welcome/000042")
            .InCampaign("welcome")
            .From("Acme News <news@acme.example>")
            .To("ada@example.com")
            .ReplyTo("support@acme.example")
            .WithTemplate("welcome-v3", [KeyValuePair.Create("name", "Ada"), KeyValuePair.Create("quote", "say \"hi\"")])
            .WithTag("campaign", "welcome")
            .WithHeader("List-Unsubscribe", "<https://acme.example/u/42>")
            .WithConfigurationSet("bulkmailer-events")
            .Build();

        Assert.Equal("welcome/000042", job.JobId);
        Assert.Equal("welcome", job.CampaignId);
        Assert.Equal(["support@acme.example"], job.ReplyTo);
        Assert.Equal(JsonValueKind.Object, job.Template!.Data!.Value.ValueKind);
        Assert.Equal("Ada", job.Template.Data.Value.GetProperty("name").GetString());
        Assert.Equal("say \"hi\"", job.Template.Data.Value.GetProperty("quote").GetString());
        Assert.Equal("welcome", job.Tags!["campaign"]);
        Assert.Null(JobValidator.Validate(job));
    }

    [Fact]
    public void A_built_job_survives_the_wire_format_round_trip()
    {
        var job = MailJobBuilder.ForJob("j-1").From("news@acme.example").To("bob@example.com")
            .WithSubject("Hello").WithText("plain").WithHtml("<p>html</p>").Build();

        var body = JsonSerializer.Serialize(job, MailJobJsonContext.Default.MailJob);
        var parsed = JobValidator.Parse(body);

        Assert.True(parsed.IsValid);
        Assert.Equal("Hello", parsed.Job!.Subject);
        Assert.Contains("\"jobId\":\"j-1\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_throws_with_the_senders_reason_when_the_recipient_is_invalid()
    {
        var builder = MailJobBuilder.ForJob("j-2").From("news@acme.example").To("not an address").WithSubject("s").WithText("t");

        var error = Assert.Throws<InvalidMailJobException>(() => builder.Build());

        Assert.Equal("to must be exactly one valid recipient address", error.Reason);
    }

    [Fact]
    public void TryBuild_reports_a_missing_body_instead_of_throwing()
    {
        var built = MailJobBuilder.ForJob("j-3").From("news@acme.example").To("bob@example.com").WithSubject("s")
            .TryBuild(out var job, out var reason);

        Assert.False(built);
        Assert.Null(job);
        Assert.Equal("at least one of text or html is required", reason);
    }

    [Fact]
    public void A_header_value_with_a_line_break_is_rejected()
    {
        var built = MailJobBuilder.ForJob("j-4").From("news@acme.example").To("bob@example.com").WithSubject("s").WithText("t")
            .WithHeader("X-Test", "a\r\nBcc: evil@example.com")
            .TryBuild(out _, out var reason);

        Assert.False(built);
        Assert.Contains("CR, LF", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_sender_is_named_by_the_validator()
    {
        var built = MailJobBuilder.ForJob("j-5").To("bob@example.com").WithSubject("s").WithText("t").TryBuild(out _, out var reason);

        Assert.False(built);
        Assert.StartsWith("from is not a valid mailbox", reason, StringComparison.Ordinal);
    }
}
