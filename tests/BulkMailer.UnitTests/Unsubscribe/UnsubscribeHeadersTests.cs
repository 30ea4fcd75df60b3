using System.Text.Json;
using BulkMailer.Core.Jobs;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Model;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Unsubscribe;

public sealed class UnsubscribeHeadersTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private static readonly UnsubscribeTokenCodec Codec = new(UnsubscribeSigningKeys.Parse("0123456789abcdef0123456789abcdef-key"), Clock);
    private static readonly UnsubscribeLinks Links = new(new Uri("https://abc.lambda-url.eu-west-1.on.aws/"), Codec);

    private static MailJob Simple(IReadOnlyDictionary<string, string>? headers = null, string to = "Reader@Example.com") => new()
    {
        JobId = "j1", CampaignId = "camp", From = "news@acme.example", To = to, Subject = "s", Text = "t", Headers = headers,
    };

    private static MailJob Templated(int i) => new()
    {
        JobId = $"t{i}", CampaignId = "camp", From = "news@acme.example", To = $"r{i}@example.com",
        Template = new MailTemplate { Name = "welcome", Data = JsonDocument.Parse("{}").RootElement },
    };

    private static string TokenOf(IEnumerable<MessageHeader> headers)
    {
        var value = headers.Single(h => h.Name == UnsubscribeHeaders.ListUnsubscribe).Value!;
        Assert.StartsWith("<https://abc.lambda-url.eu-west-1.on.aws/?t=", value, StringComparison.Ordinal);
        Assert.EndsWith(">", value, StringComparison.Ordinal);
        return value["<https://abc.lambda-url.eu-west-1.on.aws/?t=".Length..^1];
    }

    [Fact]
    public void A_simple_mail_carries_a_signed_link_for_its_recipient_and_campaign_and_the_one_click_header()
    {
        var headers = SesRequestFactory.SendEmail(Simple(), null, Links).Content!.Simple!.Headers!;

        Assert.Equal(new UnsubscribeToken("reader@example.com", "camp", Clock.GetUtcNow() + UnsubscribeTokenCodec.DefaultValidity), Codec.Verify(TokenOf(headers)).Token);
        Assert.Equal("List-Unsubscribe=One-Click", headers.Single(h => h.Name == "List-Unsubscribe-Post").Value);
    }

    [Fact]
    public void A_templated_mail_carries_them_on_its_template()
    {
        var template = Templated(1) with { Template = new MailTemplate { Name = "welcome" } };

        var headers = SesRequestFactory.SendEmail(template, null, Links).Content!.Template!.Headers!;

        Assert.Equal("r1@example.com", Codec.Verify(TokenOf(headers)).Token!.Email);
    }

    [Fact]
    public void Each_bulk_entry_carries_the_link_of_its_own_recipient()
    {
        var request = SesRequestFactory.SendBulkEmail([Templated(1), Templated(2)], null, Links);

        Assert.Equal(["r1@example.com", "r2@example.com"], request.BulkEmailEntries!.Select(e => Codec.Verify(TokenOf(e.ReplacementHeaders!)).Token!.Email));
    }

    [Fact]
    public void Without_an_unsubscribe_url_the_mail_has_only_the_jobs_own_headers()
    {
        Assert.Null(SesRequestFactory.SendEmail(Simple(), null).Content!.Simple!.Headers);
        Assert.Equal(["X-Own"], SesRequestFactory.SendEmail(Simple(new Dictionary<string, string> { ["X-Own"] = "1" }), null).Content!.Simple!.Headers!.Select(h => h.Name));
    }

    [Fact]
    public void A_job_with_its_own_list_unsubscribe_keeps_it_and_gets_no_second_one()
    {
        var own = new Dictionary<string, string> { ["list-unsubscribe"] = "<mailto:leave@acme.example>" };

        var headers = UnsubscribeHeaders.For(Simple(own), Links)!;

        Assert.Equal([("list-unsubscribe", "<mailto:leave@acme.example>")], headers.Select(h => (h.Name, h.Value)));
    }

    [Fact]
    public void A_job_whose_headers_leave_no_room_under_the_ses_limit_is_sent_with_its_own_only()
    {
        var full = Enumerable.Range(0, JobRules.MaxHeaders - 1).ToDictionary(i => $"X-H{i}", i => "v");

        Assert.Equal(JobRules.MaxHeaders - 1, UnsubscribeHeaders.For(Simple(full), Links)!.Count);
        Assert.Equal(JobRules.MaxHeaders, UnsubscribeHeaders.For(Simple(full.Skip(1).ToDictionary()), Links)!.Count);
    }

    [Fact]
    public void A_link_over_the_ses_header_length_is_left_out()
    {
        var headers = UnsubscribeHeaders.For(Simple(to: new string('a', 700) + "@example.com"), Links);

        Assert.Null(headers);
    }

    [Fact]
    public void Every_added_header_satisfies_the_ses_header_rules()
    {
        var headers = UnsubscribeHeaders.For(Simple(to: "o'brien+list@example.co.uk"), Links)!;

        Assert.All(headers, h => Assert.Null(JobValidator.Validate(Simple(new Dictionary<string, string> { [h.Name!] = h.Value! }))));
    }

    [Fact]
    public void A_recipient_given_with_a_display_name_is_named_by_its_bare_address()
    {
        var headers = UnsubscribeHeaders.For(Simple(to: "Ada Lovelace <Ada@Example.com>"), Links)!;

        Assert.Equal("ada@example.com", Codec.Verify(TokenOf(headers)).Token!.Email);
    }
}
