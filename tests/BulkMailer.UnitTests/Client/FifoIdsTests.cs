using BulkMailer.Client.Configuration;
using BulkMailer.Client.Fifo;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Client;

public sealed class FifoIdsTests
{
    private static MailJob Job(string jobId, string? campaign = null) =>
        new() { JobId = jobId, CampaignId = campaign, From = "news@acme.example", To = "bob@example.com", Subject = "s", Text = "t" };

    [Fact]
    public void The_deduplication_id_is_a_stable_sha256_of_the_job_id()
    {
        var id = FifoIds.DeduplicationId("welcome/000042");

        Assert.Equal(64, id.Length);
        Assert.Equal(id, FifoIds.DeduplicationId("welcome/000042"));
        Assert.NotEqual(id, FifoIds.DeduplicationId("welcome/000043"));
        Assert.True(FifoIds.FitsSqsId(id));
    }

    [Fact]
    public void The_group_is_the_job_id_by_default_and_the_campaign_on_request()
    {
        var job = Job("welcome/000042", "welcome");

        Assert.Equal("welcome/000042", FifoIds.MessageGroupId(job, FifoMessageGroup.Job));
        Assert.Equal("welcome", FifoIds.MessageGroupId(job, FifoMessageGroup.Campaign));
        Assert.Equal("solo", FifoIds.MessageGroupId(Job("solo"), FifoMessageGroup.Campaign));
    }

    [Fact]
    public void A_job_id_outside_the_sqs_charset_is_hashed_for_the_group()
    {
        var group = FifoIds.MessageGroupId(Job("café order 7"), FifoMessageGroup.Job);

        Assert.StartsWith("sha256-", group, StringComparison.Ordinal);
        Assert.True(FifoIds.FitsSqsId(group));
    }
}
