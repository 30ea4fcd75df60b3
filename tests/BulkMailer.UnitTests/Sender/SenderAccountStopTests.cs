using BulkMailer.Sender.Ports;
using BulkMailer.Ses.Errors;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender handler when SES says the account cannot send: what goes back, and how long it stays away.</summary>
public sealed class SenderAccountStopTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly SenderHarness _run = new();

    private static SesException QuotaExceeded() => new(SesErrorKind.Transient, "TooManyRequestsException", "Daily message quota exceeded.", 429);

    [Fact]
    public async Task Jobs_refused_for_the_daily_quota_go_back_and_stay_away_as_long_as_their_receive_count_says()
    {
        _run.Ses.Failures["first@example.com"] = QuotaExceeded();
        _run.Ses.Failures["third@example.com"] = QuotaExceeded();

        var handedBack = await _run.HandBackAsync(Minute,
            SenderHarness.Record("m1", SenderHarness.Job("first"), receiveCount: 1),
            SenderHarness.Record("m3", SenderHarness.Job("third"), receiveCount: 3));

        Assert.Equal(["m1", "m3"], handedBack);
        Assert.Equal(
            [
                new DelayedMessage("m1", SenderHarness.QueueArn, "handle-m1", TimeSpan.FromMinutes(3)),
                new DelayedMessage("m3", SenderHarness.QueueArn, "handle-m3", TimeSpan.FromMinutes(12)),
            ],
            _run.Visibility.Delayed.OrderBy(d => d.MessageId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task In_a_batch_the_account_stopped_a_job_sent_is_acknowledged_and_a_server_error_waits_too()
    {
        _run.Ses.Failures["quota@example.com"] = QuotaExceeded();
        _run.Ses.Failures["busy@example.com"] = new SesException(SesErrorKind.Transient, "ServiceUnavailable", "try later", 503);

        var handedBack = await _run.HandBackAsync(Minute,
            SenderHarness.Record("m-sent", SenderHarness.Job("sent")),
            SenderHarness.Record("m-quota", SenderHarness.Job("quota")),
            SenderHarness.Record("m-busy", SenderHarness.Job("busy")));

        Assert.Equal(["m-quota", "m-busy"], handedBack);
        Assert.Equal(["m-busy", "m-quota"], _run.Visibility.Delayed.Select(d => d.MessageId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Jobs_of_a_paused_campaign_go_back_unsent_and_stay_away_as_their_receive_count_says()
    {
        _run.Store.Decisions["paused"] = ClaimDecision.Paused;

        var handedBack = await _run.HandBackAsync(Minute,
            SenderHarness.Record("m-paused", SenderHarness.Job("paused"), receiveCount: 2),
            SenderHarness.Record("m-sent", SenderHarness.Job("sent")));

        Assert.Equal(["m-paused"], handedBack);
        Assert.Equal([new DelayedMessage("m-paused", SenderHarness.QueueArn, "handle-m-paused", TimeSpan.FromMinutes(6))], _run.Visibility.Delayed);
        Assert.DoesNotContain("paused@example.com", _run.Ses.Recipients);
    }

    [Fact]
    public async Task Without_an_account_stop_nothing_handed_back_is_delayed()
    {
        _run.Ses.Failures["busy@example.com"] = new SesException(SesErrorKind.Transient, "ServiceUnavailable", "try later", 503);

        var handedBack = await _run.HandBackAsync(Minute, SenderHarness.Record("m-busy", SenderHarness.Job("busy")));

        Assert.Equal(["m-busy"], handedBack);
        Assert.Empty(_run.Visibility.Delayed);
    }

    [Fact]
    public async Task A_failed_visibility_call_is_logged_and_the_batch_is_answered_as_usual()
    {
        _run.Ses.Failures["quota@example.com"] = QuotaExceeded();
        _run.Visibility.Failure = new HttpRequestException("SQS is away");

        var handedBack = await _run.HandBackAsync(Minute,
            SenderHarness.Record("m-sent", SenderHarness.Job("sent")),
            SenderHarness.Record("m-quota", SenderHarness.Job("quota")));

        Assert.Equal(["m-quota"], handedBack);
        Assert.Contains("could not delay the handed-back messages", _run.Logs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_metric_line_counts_the_delayed_hand_backs()
    {
        _run.Ses.Failures["quota@example.com"] = QuotaExceeded();

        await _run.HandBackAsync(Minute, SenderHarness.Record("m-quota", SenderHarness.Job("quota")), SenderHarness.Record("m-sent", SenderHarness.Job("sent")));

        Assert.Contains("\"DelayedHandBacks\":1", _run.Metrics.ToString(), StringComparison.Ordinal);
    }
}
