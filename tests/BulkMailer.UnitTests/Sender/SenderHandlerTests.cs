using System.Text.Json;
using BulkMailer.Core.Jobs;
using BulkMailer.Sender.Ports;
using BulkMailer.Ses.Errors;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender handler, run by the batch processor over an in-memory store and SES: which records go back, and what is recorded.</summary>
public sealed class SenderHandlerTests
{
    private readonly SenderHarness _run = new();

    private static string Job(string id) => SenderHarness.Job(id);

    private Task<IReadOnlyList<string>> HandBackAsync(TimeSpan remaining, params (string MessageId, string Body)[] records) =>
        _run.HandBackAsync(remaining, records);

    /// <summary>One record for each row that reaches the handler: valid, invalid, a duplicate copy, suppressed,
    /// in flight elsewhere, and the SES outcomes transient, ambiguous, throttled and permanent.</summary>
    private Task<IReadOnlyList<string>> HandBackMixedBatchAsync()
    {
        _run.Store.Decisions["suppressed"] = ClaimDecision.Suppressed;
        _run.Store.Decisions["inflight"] = ClaimDecision.InFlight;
        _run.Ses.Failures["transient@example.com"] = new SesException(SesErrorKind.Transient, "ServiceUnavailable", "try later", 503);
        _run.Ses.Failures["ambiguous@example.com"] = new SesException(SesErrorKind.Transient, "RequestTimeout", "no answer", isAmbiguous: true);
        _run.Ses.Failures["throttled@example.com"] = new SesException(SesErrorKind.Transient, "TooManyRequestsException", "slow down", 429);
        _run.Ses.Failures["permanent@example.com"] = new SesException(SesErrorKind.Permanent, "MessageRejected", "no", 400);
        return HandBackAsync(TimeSpan.FromMinutes(1),
            ("m-valid", Job("valid")), ("m-invalid", "not json"), ("m-copy", Job("valid")), ("m-suppressed", Job("suppressed")),
            ("m-inflight", Job("inflight")), ("m-transient", Job("transient")), ("m-ambiguous", Job("ambiguous")),
            ("m-throttled", Job("throttled")), ("m-permanent", Job("permanent")));
    }

    [Fact]
    public async Task In_a_mixed_batch_only_transient_failures_and_jobs_in_flight_go_back_to_the_queue()
    {
        var handedBack = await HandBackMixedBatchAsync();

        Assert.Equal(["m-inflight", "m-transient", "m-ambiguous", "m-throttled"], handedBack);
    }

    [Fact]
    public async Task In_a_mixed_batch_every_job_sent_or_tried_is_recorded_and_the_rest_is_left_to_the_claim()
    {
        await HandBackMixedBatchAsync();

        Assert.Equal(
            [
                new SendResult("ambiguous", MailStatus.Sending, null, "RequestTimeout: no answer", ReleaseLease: false),
                new SendResult("permanent", MailStatus.Failed, null, "MessageRejected: no"),
                new SendResult("throttled", MailStatus.Sending, null, "TooManyRequestsException: slow down", ReleaseLease: true),
                new SendResult("transient", MailStatus.Sending, null, "ServiceUnavailable: try later", ReleaseLease: true),
                new SendResult("valid", MailStatus.Sent, "ses-valid@example.com", null),
            ],
            _run.Store.Results.OrderBy(r => r.JobId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_copy_is_claimed_once_and_no_job_the_claim_settled_reaches_SES()
    {
        await HandBackMixedBatchAsync();

        Assert.Equal(["valid", "m-invalid", "suppressed", "inflight", "transient", "ambiguous", "throttled", "permanent"], _run.Store.Claims.Select(c => c.JobId));
        Assert.NotNull(_run.Store.Claims.Single(c => c.JobId == "m-invalid").RejectReason);
        Assert.Equal(["ambiguous", "permanent", "throttled", "transient", "valid"],
            _run.Ses.Recipients.Select(r => r.Split('@')[0]).Order(StringComparer.Ordinal));
        Assert.Equal([TimeSpan.FromSeconds(90)], _run.Store.Leases);
        Assert.Equal(2, _run.Store.RoundTrips);
    }

    [Fact]
    public async Task The_metric_line_counts_each_fate_of_the_mixed_batch()
    {
        await HandBackMixedBatchAsync();

        var line = JsonDocument.Parse(_run.Metrics.ToString()).RootElement;
        var expected = new Dictionary<string, double>
        {
            ["Claimed"] = 5, ["Sent"] = 1, ["Rejected"] = 1, ["Suppressed"] = 1, ["Failed"] = 1, ["Throttled"] = 1,
            ["InFlight"] = 1, ["Duplicates"] = 1, ["HandedBack"] = 4, ["DbRoundTrips"] = 2,
        };
        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => line.GetProperty(k).GetDouble()));
    }

    [Fact]
    public async Task Jobs_not_started_before_the_deadline_go_back_and_release_their_leases()
    {
        var handedBack = await HandBackAsync(TimeSpan.FromSeconds(5), ("m1", Job("one")), ("m2", Job("two")));

        Assert.Equal(["m1", "m2"], handedBack);
        Assert.Empty(_run.Ses.Recipients);
        Assert.All(_run.Store.Results, r => Assert.Equal((MailStatus.Sending, true), (r.Status, r.ReleaseLease)));
        Assert.Equal(["one", "two"], _run.Store.Results.Select(r => r.JobId).Order(StringComparer.Ordinal));
    }
}
