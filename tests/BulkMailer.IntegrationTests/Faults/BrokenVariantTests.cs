using System.Text.Json;
using Amazon.Runtime;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Processing;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Sender;
using BulkMailer.Sender.Ports;
using BulkMailer.Sender.Sending;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.RateLimiting;

namespace BulkMailer.IntegrationTests.Faults;

/// <summary>
/// The fault suite can fail: the exactly-once checker the fault tests use, run against a deliberately broken
/// sender (a store that claims every job for sending whatever its state) and against a known-duplicated SES store.
/// The real sender handler runs in-process over each store, with a redelivered batch.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class BrokenVariantTests(LocalServersFixture stack)
{
    /// <summary>Broken on purpose, and only here: ignores the claim's decision and sends every job again.</summary>
    private sealed class ClaimsEverythingStore(ISenderStore inner) : ISenderStore
    {
        public long RoundTrips => inner.RoundTrips;

        public async Task<IReadOnlyList<ClaimOutcome>> ClaimBatchAsync(IReadOnlyList<ClaimRequest> jobs, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
            [.. (await inner.ClaimBatchAsync(jobs, owner, lease, cancellationToken)).Select(c => c with { Decision = ClaimDecision.Send })];

        public Task RecordResultsAsync(IReadOnlyList<SendResult> results, CancellationToken cancellationToken = default) =>
            inner.RecordResultsAsync(results, cancellationToken);
    }

    /// <summary>The same batch delivered twice (two invocations, as after a lost acknowledgement) through the real handler.</summary>
    private async Task<ExactlyOnceReport> DeliverTwiceAsync(string name, Func<ISenderStore, ISenderStore> variant)
    {
        await using var pipeline = await SenderPipeline.StartAsync(stack, new SenderPipelineOptions { Name = name });
        await using var connection = new StaticConnection(pipeline.Db, pipeline.FunctionName);
        var options = new SenderOptions { SendParallelism = 2, DeadlineMargin = TimeSpan.FromSeconds(1), LeaseExtra = TimeSpan.FromSeconds(1), FunctionName = pipeline.FunctionName };
        using var ses = new SesClient(new SesClientOptions { Region = "us-east-1", Endpoint = pipeline.Ses.Endpoint, Credentials = new BasicAWSCredentials("local", "local") });
        using var rateLimiter = new SendRateLimiter(0);
        var store = variant(new MailStore(connection));
        var processor = new SqsBatchProcessor(new SenderHandler(store, new MailDispatcher(ses, rateLimiter, options), options, new JsonLogger(TextWriter.Null)),
            () => store.RoundTrips, new JsonLogger(TextWriter.Null), new EmfMetrics("BulkMailer", TextWriter.Null));
        var jobs = pipeline.Jobs(5);
        var batch = JsonSerializer.Deserialize(SqsEvents.Build([.. jobs.Select((j, i) => ($"m{i}", j.Body))]), LambdaEventsJsonContext.Default.SqsEvent)!;
        for (var delivery = 0; delivery < 2; delivery++)
        {
            var response = await processor.ProcessAsync(batch, new InvocationRequest(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow.AddSeconds(30), null, null, ReadOnlyMemory<byte>.Empty), CancellationToken.None);
            Assert.Empty(response.BatchItemFailures);
        }
        return await pipeline.CheckAsync(jobs);
    }

    [Fact]
    public async Task The_checker_passes_the_real_sender_on_a_redelivered_batch()
    {
        var report = await DeliverTwiceAsync("brokenctl", store => store);

        Assert.True(report.Holds, report.ToString());
        Assert.Equal(5, report.Mails);
    }

    [Fact]
    public async Task The_checker_catches_a_sender_that_claims_every_job_regardless_of_its_state()
    {
        var report = await DeliverTwiceAsync("broken", store => new ClaimsEverythingStore(store));

        Assert.False(report.Holds);
        Assert.Equal(5, report.Duplicated.Count);
        Assert.Equal(10, report.Mails);
        Assert.Empty(report.Lost);
    }

    [Fact]
    public void The_checker_reports_each_lost_duplicated_unsettled_and_unexpected_mail()
    {
        var report = ExactlyOnceChecker.Check(
            new Dictionary<string, string> { ["a"] = "a@x.example", ["b"] = "b@x.example", ["c"] = "c@x.example" },
            ["a@x.example", "B@x.example", "b@x.example", "poison@x.example"],
            new Dictionary<string, string> { ["a"] = "delivered", ["b"] = "sent", ["c"] = "sending" });

        Assert.False(report.Holds);
        Assert.Equal(["c"], report.Lost);
        Assert.Equal(["b"], report.Duplicated);
        Assert.Equal(["c:sending"], report.NotFinal);
        Assert.Equal(["poison@x.example"], report.Unexpected);
    }
}
