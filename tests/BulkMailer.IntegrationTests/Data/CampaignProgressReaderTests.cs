using BulkMailer.Core.Jobs;
using BulkMailer.Data.Progress;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Data;

[Collection(LocalServersCollection.Name)]
public sealed class CampaignProgressReaderTests(LocalServersFixture stack)
{
    [Fact]
    public async Task Progress_counts_final_and_settled_jobs_by_the_statuses_mail_status_names()
    {
        var db = await stack.NewDatabaseAsync("progress");
        // One job per status (two bounced); SES accepted the ones that got as far as SES.
        await stack.ScalarAsync<int>(db, """
            select 1;
            insert into mail_message (job_id, recipient, status, ses_message_id) values
              ('a', 'a@example.com', 'sending', null), ('b', 'b@example.com', 'sent', 'ses-b'),
              ('c', 'c@example.com', 'delivered', 'ses-c'), ('d', 'd@example.com', 'failed', null),
              ('e', 'E@example.com', 'bounced', 'ses-e'), ('f', 'f@example.com', 'bounced', 'ses-f'),
              ('g', 'g@example.com', 'complained', 'ses-g'), ('h', null, 'rejected', null),
              ('i', 'i@example.com', 'suppressed', null);
            insert into suppression (email, reason, source) values ('f@example.com', 'bounce', 'ses'), ('e@example.com', 'bounce', 'ses');
            """);
        await using var reader = new CampaignProgressReader(db, "progress-tests");

        var counts = await reader.CountAsync();
        var byStatus = await reader.CountByStatusAsync();

        Assert.Equal(new ProgressCounts(Final: 8, Settled: 7, SentBySes: 5), counts);
        Assert.Equal(MailStatus.All.Order(), byStatus.Keys.Order());
        Assert.Equal(2, byStatus[MailStatus.Bounced]);
        Assert.Equal(1, byStatus[MailStatus.Sending]);
        Assert.Equal(9, byStatus.Values.Sum());
        Assert.Equal(["e@example.com", "f@example.com", "g@example.com"], await reader.BouncedOrComplainedRecipientsAsync());
        Assert.Equal(["e@example.com", "f@example.com"], await reader.SuppressedEmailsAsync());
        Assert.Equal(MailStatus.Complained, (await reader.JobStatusesAsync())["g"]);
    }

    [Fact]
    public async Task An_empty_campaign_counts_zero_in_every_status()
    {
        await using var reader = new CampaignProgressReader(await stack.NewDatabaseAsync("progressempty"), "progress-tests");

        Assert.Equal(new ProgressCounts(0, 0, 0), await reader.CountAsync());
        Assert.All((await reader.CountByStatusAsync()).Values, count => Assert.Equal(0, count));
    }
}
