using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Jobs;

public sealed class MailStatusTests
{
    [Fact]
    public void Every_status_but_sending_is_final()
    {
        Assert.Equal(
            [MailStatus.Sent, MailStatus.Delivered, MailStatus.Failed, MailStatus.Bounced, MailStatus.Complained, MailStatus.Rejected, MailStatus.Suppressed, MailStatus.Cancelled],
            MailStatus.Final);
        Assert.All(MailStatus.Final, status => Assert.True(MailStatus.IsFinal(status)));
        Assert.False(MailStatus.IsFinal(MailStatus.Sending));
    }

    [Fact]
    public void Every_final_status_but_sent_is_settled()
    {
        Assert.Equal(
            [MailStatus.Delivered, MailStatus.Failed, MailStatus.Bounced, MailStatus.Complained, MailStatus.Rejected, MailStatus.Suppressed, MailStatus.Cancelled],
            MailStatus.Settled);
        Assert.All(MailStatus.Settled, status => Assert.True(MailStatus.IsSettled(status)));
        Assert.False(MailStatus.IsSettled(MailStatus.Sent));
        Assert.False(MailStatus.IsSettled(MailStatus.Sending));
    }

    [Fact]
    public void Cancelled_is_final_settled_and_ranks_with_the_statuses_decided_before_any_send()
    {
        Assert.True(MailStatus.IsFinal(MailStatus.Cancelled));
        Assert.True(MailStatus.IsSettled(MailStatus.Cancelled));
        Assert.Equal(MailStatus.Rank(MailStatus.Suppressed), MailStatus.Rank(MailStatus.Cancelled));
        Assert.True(MailStatus.Rank(MailStatus.Cancelled) > MailStatus.Rank(MailStatus.Complained));
    }

    [Fact]
    public void An_unknown_status_is_neither_final_nor_settled()
    {
        Assert.False(MailStatus.IsFinal("queued"));
        Assert.False(MailStatus.IsSettled("queued"));
    }
}
