using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Ports;

namespace BulkMailer.UnitTests.Governor;

/// <summary>The send governor's arithmetic on a fake clock (plain DateTimeOffset values: nothing waits).</summary>
public sealed class GovernorArithmeticTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static SendPermitRequest Ask(double rate = 10, double burst = 10, double waitSeconds = 2, QuotaReading? quota = null) =>
        new("ses:eu-west-1", rate, burst, TimeSpan.FromSeconds(waitSeconds), quota);

    [Fact]
    public void A_full_bucket_grants_burst_plus_rate_times_the_wait()
    {
        var (grant, state) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(), 100, T0);

        Assert.Equal(30, grant.Granted);
        Assert.False(grant.QuotaLimited);
        Assert.Equal(T0 + TimeSpan.FromSeconds(3), state.Tat);
    }

    [Fact]
    public void The_burst_goes_at_once_and_every_later_permit_one_interval_after_the_one_before()
    {
        var (grant, _) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(rate: 10, burst: 3), 6, T0);

        Assert.Equal([0, 0, 0, 100, 200, 300], Enumerable.Range(1, 6).Select(i => grant.After(i).TotalMilliseconds));
    }

    [Fact]
    public void Claims_at_the_same_moment_share_the_budget_and_their_slots_continue_one_another()
    {
        var state = GovernorState.New(T0);
        var granted = new List<int>();
        for (var claim = 0; claim < 4; claim++)
        {
            (var grant, state) = GovernorArithmetic.Take(state, Ask(), 20, T0);
            granted.Add(grant.Granted);
        }

        Assert.Equal([20, 10, 0, 0], granted);
    }

    [Fact]
    public void Time_passing_frees_rate_times_the_time_in_permits()
    {
        var (_, state) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(), 100, T0);

        var (later, _) = GovernorArithmetic.Take(state, Ask(), 100, T0 + TimeSpan.FromSeconds(1.5));

        Assert.Equal(15, later.Granted);
        Assert.Equal(TimeSpan.FromSeconds(1.5), later.Debt);
    }

    [Fact]
    public void No_rate_grants_every_permit_at_once()
    {
        var (grant, _) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(rate: 0, burst: 0), 500, T0);

        Assert.Equal((500, TimeSpan.Zero), (grant.Granted, grant.After(500)));
    }

    [Fact]
    public void A_quota_reading_limits_the_grant_and_says_the_quota_stopped_it()
    {
        var (first, state) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(quota: new QuotaReading(12, TimeSpan.Zero)), 10, T0);
        var (second, _) = GovernorArithmetic.Take(state, Ask(), 10, T0 + TimeSpan.FromSeconds(5));

        Assert.Equal((10, false), (first.Granted, first.QuotaLimited));
        Assert.Equal((2, true), (second.Granted, second.QuotaLimited));
    }

    [Fact]
    public void An_unlimited_quota_limits_nothing()
    {
        var (grant, _) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(rate: 0, burst: 0, quota: new QuotaReading(-1, TimeSpan.Zero)), 1000, T0);

        Assert.Equal(1000, grant.Granted);
    }

    [Fact]
    public void A_quota_reading_older_than_the_longest_age_is_not_enforced()
    {
        var (_, state) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(quota: new QuotaReading(0, TimeSpan.Zero)), 1, T0);

        var (stale, _) = GovernorArithmetic.Take(state, Ask(), 5, T0 + GovernorArithmetic.QuotaMaxAge + TimeSpan.FromSeconds(1));

        Assert.Equal(5, stale.Granted);
    }

    [Fact]
    public void A_newer_reading_keeps_counting_the_permits_whose_slots_come_after_it()
    {
        // 30 granted at T0: 10 at once, then one every 100 ms up to T0 + 2 s. A reading at T0 + 1 s, less the 1 s in-flight
        // allowance, may have missed every permit after T0: those 20 stay counted, then the 1 granted now.
        var (_, state) = GovernorArithmetic.Take(GovernorState.New(T0), Ask(quota: new QuotaReading(100, TimeSpan.Zero)), 30, T0);

        var (grant, after) = GovernorArithmetic.Take(state, Ask(quota: new QuotaReading(90, TimeSpan.Zero)), 1, T0 + TimeSpan.FromSeconds(1));

        Assert.Equal((90L, 20L + grant.Granted), (after.QuotaRemaining!.Value, after.GrantedSinceRead));
    }

    [Fact]
    public void A_rate_throttle_multiplies_the_factor_once_per_spacing_and_never_below_the_floor()
    {
        var (factor, changedAt) = GovernorArithmetic.AfterThrottle(1, T0 - TimeSpan.FromHours(1), T0);
        var again = GovernorArithmetic.AfterThrottle(factor, changedAt, T0 + TimeSpan.FromMilliseconds(500));
        var floor = GovernorArithmetic.AfterThrottle(GovernorArithmetic.MinFactor, T0, T0 + TimeSpan.FromSeconds(1));

        Assert.Equal((0.7, T0), (factor, changedAt));
        Assert.Equal((0.7, T0), again);
        Assert.Equal(GovernorArithmetic.MinFactor, floor.Factor, 9);
    }

    [Fact]
    public void The_factor_recovers_five_percent_of_the_rate_every_ten_seconds_up_to_the_whole_rate()
    {
        Assert.Equal(0.75, GovernorArithmetic.FactorAt(0.7, T0, T0 + TimeSpan.FromSeconds(10)), 9);
        Assert.Equal(1, GovernorArithmetic.FactorAt(0.7, T0, T0 + TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void A_shrunk_factor_spaces_the_slots_wider()
    {
        var state = GovernorState.New(T0) with { Factor = 0.5, FactorChangedAt = T0 };

        var (grant, _) = GovernorArithmetic.Take(state, Ask(rate: 10, burst: 1), 3, T0);

        Assert.Equal([0, 200, 400], Enumerable.Range(1, 3).Select(i => grant.After(i).TotalMilliseconds));
    }

    [Theory]
    [InlineData(10, 5)]
    [InlineData(14, 7)]
    [InlineData(1, 1)]
    [InlineData(0.5, 1)]
    [InlineData(0, 0)]
    public void The_burst_is_half_a_seconds_worth_and_at_least_one_mail(double rate, double burst) =>
        Assert.Equal(burst, GovernorArithmetic.BurstFor(rate));

    [Theory]
    [InlineData(50, 25, 250)]
    [InlineData(14, 7, 250)]
    [InlineData(10, 2.5, 375)]
    [InlineData(1, 1, 50)]
    public void A_send_may_start_late_by_half_of_what_the_burst_leaves_of_a_seconds_worth_and_at_least_50_ms(double rate, double burst, double toleranceMs) =>
        Assert.Equal(toleranceMs, GovernorArithmetic.LateSlotTolerance(rate, burst).TotalMilliseconds, precision: 6);

    [Fact]
    public void Without_a_rate_no_send_is_ever_too_late() =>
        Assert.Equal(TimeSpan.MaxValue, GovernorArithmetic.LateSlotTolerance(0, 0));

    [Fact]
    public void The_wait_a_claim_may_use_is_the_time_left_less_the_margin_and_the_claim_allowance()
    {
        Assert.Equal(TimeSpan.FromSeconds(17), GovernorArithmetic.MaxWait(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(12)));
        Assert.Equal(TimeSpan.Zero, GovernorArithmetic.MaxWait(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(12)));
    }

    [Theory]
    [InlineData(20.0, 17.0, 3)]
    [InlineData(17.5, 17.0, 2)]
    [InlineData(30.0, 0.0, 30)]
    [InlineData(10_000.0, 0.0, 300)]
    public void A_job_without_a_permit_waits_until_its_slot_would_fit_a_claims_wait_within_bounds(double slotSeconds, double waitSeconds, double delaySeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(delaySeconds),
            GovernorArithmetic.NoPermitDelay(TimeSpan.FromSeconds(slotSeconds), TimeSpan.FromSeconds(waitSeconds)));
}
