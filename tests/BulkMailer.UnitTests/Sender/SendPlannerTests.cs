using System.Text.Json;
using BulkMailer.Core.Jobs;
using BulkMailer.Core.Ses;
using BulkMailer.Sender.Batch;
using BulkMailer.Sender.Sending;

namespace BulkMailer.UnitTests.Sender;

public sealed class SendPlannerTests
{
    private static MailJob Simple(int i) => new() { JobId = $"s{i}", From = "a@b.example", To = $"r{i}@example.com", Subject = "s", Text = "t" };

    private static MailJob Templated(int i, string template = "welcome", string from = "a@b.example") => new()
    {
        JobId = $"t{i}", From = from, To = $"r{i}@example.com",
        Template = new MailTemplate { Name = template, Data = JsonDocument.Parse($$"""{"n":{{i}}}""").RootElement },
    };

    [Fact]
    public void Templated_jobs_sharing_template_and_sender_go_out_in_bulk_calls_of_at_most_fifty()
    {
        var units = SendPlanner.Plan([.. Enumerable.Range(0, 120).Select(i => Templated(i))], null, useBulk: true);

        Assert.Equal([50, 50, 20], units.Select(u => u.Jobs.Count));
        Assert.All(units, u => Assert.True(u.IsBulk));
    }

    [Fact]
    public void Simple_jobs_and_different_templates_or_senders_are_not_mixed()
    {
        var units = SendPlanner.Plan([Simple(1), Templated(1), Templated(2), Templated(3, "other"), Templated(4, from: "x@y.example"), Templated(5, from: "x@y.example")], null, useBulk: true);

        Assert.Equal(4, units.Count);
        Assert.Equal(1, units.Count(u => !u.IsBulk && u.Jobs[0].Template is null));
        Assert.Equal(2, units.Count(u => u.IsBulk));
    }

    [Fact]
    public void With_bulk_off_every_job_is_its_own_call() =>
        Assert.All(SendPlanner.Plan([Templated(1), Templated(2)], null, useBulk: false), u => Assert.False(u.IsBulk));

    [Fact]
    public void Every_mail_carries_the_job_id_tag_that_feedback_decodes()
    {
        var request = SesRequestFactory.SendEmail(Simple(7) with { JobId = "camp/000007", Tags = new Dictionary<string, string> { ["campaign"] = "camp" } }, "default-set");

        var tag = Assert.Single(request.EmailTags!, t => t.Name == JobTag.Name);
        Assert.Equal("camp/000007", JobTag.TryDecode(tag.Value));
        Assert.Contains(request.EmailTags!, t => t.Name == "campaign" && t.Value == "camp");
        Assert.Equal("default-set", request.ConfigurationSetName);
    }

    [Fact]
    public void Bulk_entries_carry_their_own_data_and_job_tag()
    {
        var request = SesRequestFactory.SendBulkEmail([Templated(1), Templated(2)], null);

        Assert.Equal(["""{"n":1}""", """{"n":2}"""], request.BulkEmailEntries!.Select(e => e.ReplacementEmailContent!.ReplacementTemplate!.ReplacementTemplateData));
        Assert.Equal(["t1", "t2"], request.BulkEmailEntries!.Select(e => JobTag.TryDecode(e.ReplacementTags!.Single(t => t.Name == JobTag.Name).Value)));
    }

    [Fact]
    public void A_body_without_a_usable_job_id_is_keyed_by_its_message_id()
    {
        Assert.Equal("msg-1", ParsedRecord.From("msg-1", "not json").Key);
        Assert.Equal("msg-2", ParsedRecord.From("msg-2", """{"jobId":"","from":"a@b.example","to":"c@d.example"}""").Key);
        Assert.Equal("job-3", ParsedRecord.From("msg-3", """{"jobId":"job-3","from":"a@b.example","to":"bad"}""").Key);
    }
}
