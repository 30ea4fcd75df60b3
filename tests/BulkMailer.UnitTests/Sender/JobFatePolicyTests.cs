using BulkMailer.Core.Jobs;
using BulkMailer.Sender.Policy;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender's decision matrix, one test per row: claim decision first, then the send's outcome.</summary>
public sealed class JobFatePolicyTests
{
    // --- The claim decides -------------------------------------------------------------------------------------

    [Fact]
    public void A_job_the_claim_gives_this_invocation_is_sent() =>
        Assert.Equal(new JobFate(JobAction.Send), JobFatePolicy.AfterClaim(ClaimDecision.Send, isValid: true));

    [Fact]
    public void A_rejected_job_is_acknowledged_with_nothing_more_to_record() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), JobFatePolicy.AfterClaim(ClaimDecision.Rejected, isValid: false));

    [Fact]
    public void A_job_for_a_suppressed_recipient_is_acknowledged_with_nothing_more_to_record() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), JobFatePolicy.AfterClaim(ClaimDecision.Suppressed, isValid: true));

    [Fact]
    public void A_job_already_final_is_acknowledged_and_not_sent_again() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), JobFatePolicy.AfterClaim(ClaimDecision.AlreadyFinal, isValid: true));

    [Fact]
    public void A_job_whose_lease_another_message_holds_is_acknowledged_and_not_sent() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), JobFatePolicy.AfterClaim(ClaimDecision.HeldByAnotherMessage, isValid: true));

    [Fact]
    public void A_valid_job_in_flight_in_another_delivery_of_the_same_message_is_handed_back_and_not_sent() =>
        Assert.Equal(new JobFate(JobAction.HandBack), JobFatePolicy.AfterClaim(ClaimDecision.InFlight, isValid: true));

    [Fact]
    public void An_invalid_copy_of_a_job_in_flight_is_acknowledged_because_it_can_never_be_sent() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), JobFatePolicy.AfterClaim(ClaimDecision.InFlight, isValid: false));

    [Fact]
    public void A_job_of_a_cancelled_campaign_is_acknowledged_with_nothing_more_to_record() =>
        Assert.Equal(new JobFate(JobAction.Acknowledge), JobFatePolicy.AfterClaim(ClaimDecision.Cancelled, isValid: true));

    [Fact]
    public void A_job_of_a_paused_campaign_is_handed_back_and_not_sent() =>
        Assert.Equal(new JobFate(JobAction.HandBack), JobFatePolicy.AfterClaim(ClaimDecision.Paused, isValid: true));

    [Theory]
    [InlineData(ClaimDecision.NoPermit)]
    [InlineData(ClaimDecision.QuotaExhausted)]
    public void A_job_the_send_governor_gave_no_permit_is_handed_back_unclaimed_and_nothing_is_recorded(ClaimDecision decision) =>
        Assert.Equal(new JobFate(JobAction.HandBack), JobFatePolicy.AfterClaim(decision, isValid: true));

    // --- The send's outcome decides ----------------------------------------------------------------------------

    [Fact]
    public void A_sent_job_is_acknowledged_and_recorded_sent_with_its_SES_message_id() =>
        Assert.Equal(
            new JobFate(JobAction.Acknowledge, new SendResult("j", MailStatus.Sent, "ses-1", null)),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.Sent, SesMessageId: "ses-1")));

    [Fact]
    public void A_permanent_failure_is_acknowledged_and_recorded_failed_with_its_error() =>
        Assert.Equal(
            new JobFate(JobAction.Acknowledge, new SendResult("j", MailStatus.Failed, null, "MessageRejected: no")),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.PermanentFailure, Error: "MessageRejected: no")));

    [Fact]
    public void A_transient_failure_SES_certainly_refused_is_handed_back_and_releases_the_lease() =>
        Assert.Equal(
            new JobFate(JobAction.HandBack, new SendResult("j", MailStatus.Sending, null, "ServiceUnavailable", ReleaseLease: true)),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.Transient, Error: "ServiceUnavailable")));

    [Fact]
    public void An_ambiguous_transient_failure_is_handed_back_and_keeps_the_lease_until_it_expires() =>
        Assert.Equal(
            new JobFate(JobAction.HandBack, new SendResult("j", MailStatus.Sending, null, "RequestTimeout", ReleaseLease: false)),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.Transient, Error: "RequestTimeout", Ambiguous: true)));

    [Fact]
    public void A_throttled_send_hands_the_job_back_and_releases_the_lease() =>
        Assert.Equal(
            new JobFate(JobAction.HandBack, new SendResult("j", MailStatus.Sending, null, "TooManyRequestsException", ReleaseLease: true)),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.Transient, Error: "TooManyRequestsException", Throttled: true)));

    [Fact]
    public void A_send_not_started_before_the_deadline_or_after_a_systemic_stop_is_handed_back_and_releases_the_lease() =>
        Assert.Equal(
            new JobFate(JobAction.HandBack, new SendResult("j", MailStatus.Sending, null, "deadline near", ReleaseLease: true)),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.NotAttempted, Error: "deadline near")));

    [Fact]
    public void A_systemic_refusal_is_handed_back_unsent_and_releases_the_lease_so_a_redrive_after_the_fix_sends_it() =>
        Assert.Equal(
            new JobFate(JobAction.HandBack, new SendResult("j", MailStatus.Sending, null, "NotFoundException: template missing", ReleaseLease: true)),
            JobFatePolicy.AfterSend(new SendOutcome("j", SendOutcomeKind.SystemicFailure, Error: "NotFoundException: template missing")));

}
