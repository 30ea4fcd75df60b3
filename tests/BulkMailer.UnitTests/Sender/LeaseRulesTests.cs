using BulkMailer.Sender.Leases;

namespace BulkMailer.UnitTests.Sender;

public sealed class LeaseRulesTests
{
    [Fact]
    public void A_claim_holds_its_jobs_for_the_invocations_remaining_time_plus_the_extra() =>
        Assert.Equal(TimeSpan.FromSeconds(75), LeaseRules.Length(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(30)));

    [Fact]
    public void A_job_handed_back_that_SES_certainly_did_not_accept_releases_its_lease() =>
        Assert.True(LeaseRules.ReleaseOnHandBack(ambiguous: false));

    [Fact]
    public void A_job_handed_back_that_SES_may_have_accepted_keeps_its_lease() =>
        Assert.False(LeaseRules.ReleaseOnHandBack(ambiguous: true));
}
