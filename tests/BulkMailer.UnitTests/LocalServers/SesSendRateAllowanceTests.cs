using BulkMailer.LocalServers.Ses;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.LocalServers;

public sealed class SesSendRateAllowanceTests
{
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_full_bucket_passes_one_seconds_worth_of_mails_and_throttles_the_next()
    {
        var allowance = new SesSendRateAllowance(10, _clock);

        var passed = Enumerable.Range(0, 11).Count(_ => allowance.TryTake(1));

        Assert.Equal(10, passed);
    }

    [Fact]
    public void The_bucket_refills_at_the_rate_as_time_passes()
    {
        var allowance = new SesSendRateAllowance(10, _clock);
        Assert.True(allowance.TryTake(10));

        _clock.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(3, Enumerable.Range(0, 5).Count(_ => allowance.TryTake(1)));
    }

    [Fact]
    public void A_call_larger_than_the_bucket_passes_only_when_it_is_full_and_the_debt_is_paid_off_at_the_rate()
    {
        var allowance = new SesSendRateAllowance(14, _clock);

        Assert.True(allowance.TryTake(50));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(allowance.TryTake(1));
        _clock.Advance(TimeSpan.FromSeconds(1.6));
        Assert.True(allowance.TryTake(14));
    }
}
