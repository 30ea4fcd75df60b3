using BulkMailer.Core.Jobs;
using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Policy;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.UnitTests.Sender;

/// <summary>Which hand-backs wait before their next delivery, one test per row.</summary>
public sealed class HandBackDelayPolicyTests
{
    private static readonly HandBackSchedule Schedule = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));

    private static readonly JobFate HandedBack = new(JobAction.HandBack, new SendResult("j", MailStatus.Sending, null, "x", ReleaseLease: true));

    // --- Which outcomes stop the account --------------------------------------------------------------------------

    [Fact]
    public void A_throttled_send_stops_the_account() =>
        Assert.True(HandBackDelayPolicy.StopsTheAccount(new SendOutcome("j", SendOutcomeKind.Transient, Error: "TooManyRequestsException: Maximum sending rate exceeded.", Throttled: true)));

    [Fact]
    public void The_daily_quota_which_SES_reports_as_throttling_stops_the_account() =>
        Assert.True(HandBackDelayPolicy.StopsTheAccount(new SendOutcome("j", SendOutcomeKind.Transient, Error: "TooManyRequestsException: Daily message quota exceeded.", Throttled: true)));

    [Fact]
    public void A_systemic_refusal_such_as_sending_paused_stops_the_account() =>
        Assert.True(HandBackDelayPolicy.StopsTheAccount(new SendOutcome("j", SendOutcomeKind.SystemicFailure, Error: "AccountSendingPausedException")));

    [Fact]
    public void A_server_error_does_not_stop_the_account() =>
        Assert.False(HandBackDelayPolicy.StopsTheAccount(new SendOutcome("j", SendOutcomeKind.Transient, Error: "ServiceUnavailable")));

    [Fact]
    public void A_send_not_started_before_the_deadline_does_not_stop_the_account() =>
        Assert.False(HandBackDelayPolicy.StopsTheAccount(new SendOutcome("j", SendOutcomeKind.NotAttempted, Error: "deadline near")));

    [Fact]
    public void A_sent_job_does_not_stop_the_account() =>
        Assert.False(HandBackDelayPolicy.StopsTheAccount(new SendOutcome("j", SendOutcomeKind.Sent, SesMessageId: "ses-1")));

    [Fact]
    public void A_paused_campaign_stops_its_jobs_for_longer_than_a_redelivery() =>
        Assert.True(HandBackDelayPolicy.StopsForLong(ClaimDecision.Paused));

    [Fact]
    public void Under_the_send_governor_a_rate_throttle_is_no_account_stop_but_a_daily_quota_refusal_is()
    {
        var rate = new SendOutcome("j", SendOutcomeKind.Transient, Error: "TooManyRequestsException: Maximum sending rate exceeded.", Throttled: true);
        var quota = new SendOutcome("j", SendOutcomeKind.Transient, Error: "TooManyRequestsException: Daily message quota exceeded.", Throttled: true);

        Assert.Equal((false, true, true), (HandBackDelayPolicy.StopsTheAccount(rate, governed: true), HandBackDelayPolicy.StopsTheAccount(quota, governed: true),
            HandBackDelayPolicy.StopsTheAccount(rate, governed: false)));
    }

    [Fact]
    public void Under_the_send_governor_a_rate_throttled_job_comes_back_within_seconds_and_later_on_the_schedule()
    {
        var rate = new SendOutcome("j", SendOutcomeKind.Transient, Error: "TooManyRequestsException: Maximum sending rate exceeded.", Throttled: true);

        Assert.Equal(GovernorArithmetic.ShortestNoPermitDelay, HandBackDelayPolicy.AfterRateThrottle(HandedBack, rate, governed: true, receiveCount: 1, Schedule).Delay);
        Assert.Equal(Schedule.DelayAfter(3), HandBackDelayPolicy.AfterRateThrottle(HandedBack, rate, governed: true, receiveCount: 4, Schedule).Delay);
        Assert.Equal(HandedBack, HandBackDelayPolicy.AfterRateThrottle(HandedBack, rate, governed: false, receiveCount: 1, Schedule));
    }

    [Fact]
    public void A_used_up_daily_quota_stops_its_jobs_for_longer_than_a_redelivery() =>
        Assert.True(HandBackDelayPolicy.StopsForLong(ClaimDecision.QuotaExhausted));

    [Fact]
    public void A_job_without_a_send_permit_waits_until_its_slot_would_fit_a_claims_wait() =>
        Assert.Equal(HandedBack with { Action = JobAction.HandBackLater, Delay = TimeSpan.FromSeconds(8) },
            HandBackDelayPolicy.AfterNoPermit(HandedBack, ClaimDecision.NoPermit, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(17), receiveCount: 1, Schedule));

    [Fact]
    public void A_job_meeting_no_permit_again_waits_at_least_the_account_stop_schedule_for_its_earlier_receives() =>
        Assert.Equal(Schedule.DelayAfter(2),
            HandBackDelayPolicy.AfterNoPermit(HandedBack, ClaimDecision.NoPermit, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(17), receiveCount: 3, Schedule).Delay);

    [Fact]
    public void A_job_without_a_send_permit_waits_a_few_seconds_at_least() =>
        Assert.Equal(GovernorArithmetic.ShortestNoPermitDelay,
            HandBackDelayPolicy.AfterNoPermit(HandedBack, ClaimDecision.NoPermit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(17), receiveCount: 1, Schedule).Delay);

    [Fact]
    public void Only_a_job_without_a_send_permit_gets_the_governors_wait() =>
        Assert.Equal(HandedBack, HandBackDelayPolicy.AfterNoPermit(HandedBack, ClaimDecision.InFlight, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(17), receiveCount: 1, Schedule));

    [Fact]
    public void A_job_held_in_flight_elsewhere_is_no_campaign_stop() =>
        Assert.False(HandBackDelayPolicy.StopsForLong(ClaimDecision.InFlight));

    // --- What becomes of each fate ------------------------------------------------------------------------------

    [Fact]
    public void A_hand_back_in_a_batch_the_account_stopped_waits_the_schedule_for_its_receive_count() =>
        Assert.Equal(HandedBack with { Action = JobAction.HandBackLater, Delay = TimeSpan.FromSeconds(40) },
            HandBackDelayPolicy.Apply(HandedBack, accountStopped: true, receiveCount: 3, Schedule));

    [Fact]
    public void A_hand_back_in_a_batch_the_account_did_not_stop_comes_back_as_SQS_redelivers_it() =>
        Assert.Equal(HandedBack, HandBackDelayPolicy.Apply(HandedBack, accountStopped: false, receiveCount: 3, Schedule));

    [Fact]
    public void An_acknowledged_job_in_a_batch_the_account_stopped_stays_acknowledged() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), HandBackDelayPolicy.Apply(new JobFate(JobAction.Acknowledge), accountStopped: true, receiveCount: 1, Schedule));
}
