using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Ports;
using BulkMailer.Ses.Errors;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender handler with the account's send governor: it asks for permits, waits for its slots, hands back
/// jobs without a permit or over the quota for a while, and reports rate throttles with its record.</summary>
public sealed class SenderGovernorTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly SenderHarness _run = new() { AccountSendRate = 10 };

    [Fact]
    public async Task The_claim_asks_for_permits_at_the_account_rate_within_the_time_left_less_the_margin()
    {
        await _run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")));

        var asked = Assert.Single(_run.Store.PermitRequests)!;
        Assert.Equal(("ses:test", 10.0, 5.0), (asked.Key, asked.Rate, asked.Burst));
        Assert.Equal(Minute - _run.Options.DeadlineMargin - GovernorArithmetic.ClaimAllowance, asked.MaxWait);
    }

    [Fact]
    public async Task A_job_is_sent_only_once_its_slot_has_come()
    {
        _run.Store.PermitAfter["a"] = TimeSpan.FromSeconds(4);

        var handedBack = await _run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")));

        Assert.Empty(handedBack);
        Assert.Equal(TimeSpan.FromSeconds(4), _run.Clock.Waited);
        Assert.Equal(["a@example.com"], _run.Ses.Recipients);
    }

    [Fact]
    public async Task A_slot_after_the_deadline_margin_is_not_waited_for_and_the_job_goes_back_unsent()
    {
        _run.Store.PermitAfter["a"] = TimeSpan.FromSeconds(50);

        var handedBack = await _run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")));

        Assert.Equal(["m1"], handedBack);
        Assert.Empty(_run.Ses.Recipients);
        Assert.Equal(TimeSpan.Zero, _run.Clock.Waited);
    }

    [Fact]
    public async Task A_job_without_a_permit_goes_back_unsent_until_its_slot_would_fit_a_claim()
    {
        _run.Store.Decisions["a"] = ClaimDecision.NoPermit;
        _run.Store.PermitAfter["a"] = TimeSpan.FromSeconds(60);

        var handedBack = await _run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")));

        Assert.Equal(["m1"], handedBack);
        Assert.Empty(_run.Ses.Recipients);
        var maxWait = GovernorArithmetic.MaxWait(Minute, _run.Options.DeadlineMargin);
        Assert.Equal([new DelayedMessage("m1", SenderHarness.QueueArn, "handle-m1", GovernorArithmetic.NoPermitDelay(TimeSpan.FromSeconds(60), maxWait))],
            _run.Visibility.Delayed);
    }

    [Fact]
    public async Task Jobs_over_the_daily_quota_go_back_unsent_on_the_account_stop_schedule()
    {
        _run.Store.Decisions["a"] = ClaimDecision.QuotaExhausted;

        var handedBack = await _run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a"), receiveCount: 2));

        Assert.Equal(["m1"], handedBack);
        Assert.Empty(_run.Ses.Recipients);
        Assert.Empty(_run.Store.Results);
        Assert.Equal([new DelayedMessage("m1", SenderHarness.QueueArn, "handle-m1", _run.Options.HandBackSchedule.DelayAfter(2))], _run.Visibility.Delayed);
    }

    [Fact]
    public async Task Rate_throttles_ride_on_the_record_and_quota_refusals_do_not_count_as_such()
    {
        _run.Ses.Failures["a@example.com"] = new SesException(SesErrorKind.Transient, "TooManyRequestsException", "Maximum sending rate exceeded.", 429);
        _run.Ses.Failures["b@example.com"] = new SesException(SesErrorKind.Transient, "TooManyRequestsException", "Daily message quota exceeded.", 429);

        await _run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")), SenderHarness.Record("m2", SenderHarness.Job("b")));

        Assert.Equal([new GovernorThrottles("ses:test", 1)], _run.Store.ThrottleReports);
    }

    [Fact]
    public async Task Without_a_governor_the_claim_asks_for_no_permits()
    {
        var run = new SenderHarness();

        await run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")));

        Assert.Equal([null], run.Store.PermitRequests);
    }

    // Rate 10, burst 5: a unit may start up to 250 ms after its slot (GovernorArithmetic.LateSlotTolerance).
    private SenderHarness OneCallAtATime() => new()
    {
        AccountSendRate = 10,
        Options = new() { LeaseExtra = TimeSpan.FromSeconds(30), UseBulkSend = false, SendParallelism = 1 },
    };

    [Fact]
    public async Task A_send_that_wakes_too_late_for_its_slot_takes_fresh_permits_and_waits_for_them()
    {
        var run = OneCallAtATime();
        run.Store.PermitAfter["b"] = TimeSpan.FromMilliseconds(100);
        run.Store.RenewedPermitAfter = TimeSpan.FromSeconds(2);
        // a's call takes a second: b's slot (100 ms) is long past when its turn comes
        run.Ses.OnSend = to => run.Clock.Advance(to == "a@example.com" ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);

        var handedBack = await run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")), SenderHarness.Record("m2", SenderHarness.Job("b")));

        Assert.Empty(handedBack);
        Assert.Equal([1], run.Store.PermitRenewals);
        Assert.Equal(TimeSpan.FromSeconds(2), run.Clock.Waited);
        Assert.Equal(["a@example.com", "b@example.com"], run.Ses.Recipients);
        var metrics = System.Text.Json.JsonDocument.Parse(run.Metrics.ToString()).RootElement;
        Assert.Equal(1, metrics.GetProperty("LateSlotRenewals").GetInt32());
        // b waited for the fresh slot: a second late, then the 2 s the fresh permit came after
        Assert.Equal([0, 3000], metrics.GetProperty(BulkMailer.Lambda.Observability.SenderMetricNames.SendPermitWait).EnumerateArray().Select(v => v.GetDouble()).Order());
    }

    [Fact]
    public async Task A_send_late_by_no_more_than_the_tolerance_keeps_its_slot()
    {
        var run = OneCallAtATime();
        run.Store.PermitAfter["b"] = TimeSpan.FromMilliseconds(100);
        run.Ses.OnSend = to => run.Clock.Advance(to == "a@example.com" ? TimeSpan.FromMilliseconds(350) : TimeSpan.Zero);

        await run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")), SenderHarness.Record("m2", SenderHarness.Job("b")));

        Assert.Empty(run.Store.PermitRenewals);
        Assert.Equal(["a@example.com", "b@example.com"], run.Ses.Recipients);
    }

    [Fact]
    public async Task A_late_send_that_gets_no_fresh_permit_in_time_goes_back_unsent()
    {
        var run = OneCallAtATime();
        run.Store.PermitAfter["b"] = TimeSpan.FromMilliseconds(100);
        run.Store.RenewedPermitAfter = null;
        run.Ses.OnSend = to => run.Clock.Advance(to == "a@example.com" ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);

        var handedBack = await run.HandBackAsync(Minute, SenderHarness.Record("m1", SenderHarness.Job("a")), SenderHarness.Record("m2", SenderHarness.Job("b")));

        Assert.Equal(["m2"], handedBack);
        Assert.Equal(["a@example.com"], run.Ses.Recipients);
        Assert.Equal([1], run.Store.PermitRenewals);
        Assert.Contains(run.Store.Results, r => r.JobId == "b" && r.ReleaseLease);
    }
}
