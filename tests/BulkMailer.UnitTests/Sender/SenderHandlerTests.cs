using System.Text.Json;
using BulkMailer.Core.Jobs;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Sender;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.RateLimiting;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The sender handler, run by the batch processor over an in-memory store and SES: which records go back, and what is recorded.</summary>
public sealed class SenderHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RecordingSenderStore _store = new();
    private readonly ScriptedSesClient _ses = new();
    private readonly StringWriter _metrics = new();
    private readonly SenderOptions _options = new() { LeaseExtra = TimeSpan.FromSeconds(30), UseBulkSend = false };

    private static string Job(string id) =>
        $$"""{"jobId":"{{id}}","from":"news@acme.example","to":"{{id}}@example.com","subject":"Hi","text":"x"}""";

    private async Task<IReadOnlyList<string>> HandBackAsync(TimeSpan remaining, params (string MessageId, string Body)[] records)
    {
        using var rateLimiter = new SendRateLimiter(0);
        var handler = new SenderHandler(_store, new MailDispatcher(_ses, rateLimiter, _options), _options, new JsonLogger(TextWriter.Null));
        var processor = new SqsBatchProcessor(handler, () => _store.RoundTrips, new JsonLogger(TextWriter.Null), new EmfMetrics("BulkMailer", _metrics));
        var batch = new SqsEvent { Records = [.. records.Select(r => new SqsMessage { MessageId = r.MessageId, Body = r.Body })] };
        var request = new InvocationRequest("req-1", Now + remaining, null, null, ReadOnlyMemory<byte>.Empty, new FixedClock(Now));
        var response = await processor.ProcessAsync(batch, request, CancellationToken.None);
        return [.. response.BatchItemFailures.Select(f => f.ItemIdentifier)];
    }

    /// <summary>One record for each row that reaches the handler: valid, invalid, a duplicate copy, suppressed,
    /// in flight elsewhere, and the SES outcomes transient, ambiguous, throttled and permanent.</summary>
    private Task<IReadOnlyList<string>> HandBackMixedBatchAsync()
    {
        _store.Decisions["suppressed"] = ClaimDecision.Suppressed;
        _store.Decisions["inflight"] = ClaimDecision.InFlight;
        _ses.Failures["transient@example.com"] = new SesException(SesErrorKind.Transient, "ServiceUnavailable", "try later", 503);
        _ses.Failures["ambiguous@example.com"] = new SesException(SesErrorKind.Transient, "RequestTimeout", "no answer", isAmbiguous: true);
        _ses.Failures["throttled@example.com"] = new SesException(SesErrorKind.Transient, "TooManyRequestsException", "slow down", 429);
        _ses.Failures["permanent@example.com"] = new SesException(SesErrorKind.Permanent, "MessageRejected", "no", 400);
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
            _store.Results.OrderBy(r => r.JobId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_copy_is_claimed_once_and_no_job_the_claim_settled_reaches_SES()
    {
        await HandBackMixedBatchAsync();

        Assert.Equal(["valid", "m-invalid", "suppressed", "inflight", "transient", "ambiguous", "throttled", "permanent"], _store.Claims.Select(c => c.JobId));
        Assert.NotNull(_store.Claims.Single(c => c.JobId == "m-invalid").RejectReason);
        Assert.Equal(["ambiguous", "permanent", "throttled", "transient", "valid"],
            _ses.Recipients.Select(r => r.Split('@')[0]).Order(StringComparer.Ordinal));
        Assert.Equal([TimeSpan.FromSeconds(90)], _store.Leases);
        Assert.Equal(2, _store.RoundTrips);
    }

    [Fact]
    public async Task The_metric_line_counts_each_fate_of_the_mixed_batch()
    {
        await HandBackMixedBatchAsync();

        var line = JsonDocument.Parse(_metrics.ToString()).RootElement;
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
        Assert.Empty(_ses.Recipients);
        Assert.All(_store.Results, r => Assert.Equal((MailStatus.Sending, true), (r.Status, r.ReleaseLease)));
        Assert.Equal(["one", "two"], _store.Results.Select(r => r.JobId).Order(StringComparer.Ordinal));
    }
}
