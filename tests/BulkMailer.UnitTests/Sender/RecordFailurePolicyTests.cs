using BulkMailer.Core.Jobs;
using BulkMailer.Sender.Policy;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;

namespace BulkMailer.UnitTests.Sender;

/// <summary>A job's fate when its result could not be recorded, one test per row.</summary>
public sealed class RecordFailurePolicyTests
{
    [Fact]
    public void A_job_SES_accepted_is_acknowledged_all_the_same_so_it_is_not_sent_twice()
    {
        var outcome = new SendOutcome("j", SendOutcomeKind.Sent, SesMessageId: "ses-1");

        Assert.Equal(JobAction.Acknowledge, RecordFailurePolicy.AfterRecordFailed(JobFatePolicy.AfterSend(outcome), outcome).Action);
    }

    [Fact]
    public void A_job_SES_refused_for_good_goes_back_to_be_refused_and_recorded_again()
    {
        var outcome = new SendOutcome("j", SendOutcomeKind.PermanentFailure, Error: "MessageRejected");

        Assert.Equal(
            new JobFate(JobAction.HandBack, new SendResult("j", MailStatus.Failed, null, "MessageRejected")),
            RecordFailurePolicy.AfterRecordFailed(JobFatePolicy.AfterSend(outcome), outcome));
    }

    [Fact]
    public void A_job_handed_back_anyway_stays_handed_back()
    {
        var outcome = new SendOutcome("j", SendOutcomeKind.Transient, Error: "ServiceUnavailable");

        Assert.Equal(JobFatePolicy.AfterSend(outcome), RecordFailurePolicy.AfterRecordFailed(JobFatePolicy.AfterSend(outcome), outcome));
    }
}
