using BulkMailer.Core.Jobs;
using BulkMailer.Ses.Errors;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender handler when recording the results fails: retried while time remains, and never a second send of what SES accepted.</summary>
public sealed class SenderRecordFailureTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly SenderHarness _run = new();

    private Task<IReadOnlyList<string>> MixedBatchAsync()
    {
        _run.Ses.Failures["refused@example.com"] = new SesException(SesErrorKind.Permanent, "MessageRejected", "no", 400);
        _run.Ses.Failures["busy@example.com"] = new SesException(SesErrorKind.Transient, "ServiceUnavailable", "try later", 503);
        return _run.HandBackAsync(Minute,
            SenderHarness.Record("m-sent", SenderHarness.Job("sent")),
            SenderHarness.Record("m-refused", SenderHarness.Job("refused")),
            SenderHarness.Record("m-busy", SenderHarness.Job("busy")));
    }

    [Fact]
    public async Task A_record_that_fails_twice_is_retried_and_the_batch_is_answered_as_if_it_had_not()
    {
        _run.Store.FailingRecords = 2;

        var handedBack = await MixedBatchAsync();

        Assert.Equal(["m-busy"], handedBack);
        Assert.Equal(3, _run.Store.RecordAttempts);
        Assert.Equal([MailStatus.Sending, MailStatus.Failed, MailStatus.Sent],
            _run.Store.Results.OrderBy(r => r.JobId, StringComparer.Ordinal).Select(r => r.Status));
    }

    [Fact]
    public async Task When_the_record_fails_for_good_the_job_SES_accepted_is_acknowledged_and_the_rest_go_back()
    {
        _run.Store.FailingRecords = int.MaxValue;

        var handedBack = await MixedBatchAsync();

        Assert.Equal(["m-refused", "m-busy"], handedBack);
        Assert.Empty(_run.Store.Results);
        Assert.Contains("recording the results of the batch failed for good", _run.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_record_is_retried_only_while_an_attempt_still_fits_before_the_deadline()
    {
        _run.Store.FailingRecords = int.MaxValue;

        await MixedBatchAsync();

        Assert.True(_run.Store.RecordAttempts > 1, $"{_run.Store.RecordAttempts} attempts");
        Assert.True(SenderHarness.Now + Minute - _run.Clock.GetUtcNow() >= _run.Options.DeadlineMargin,
            $"paused {_run.Clock.Waited} of the minute left: the last attempt could not have finished before the deadline");
    }
}
