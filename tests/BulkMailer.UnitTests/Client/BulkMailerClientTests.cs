using System.Net;
using System.Text;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Client;

public sealed class BulkMailerClientTests
{
    private const string QueueUrl = "http://127.0.0.1:9/000000000000/mail-jobs";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static BulkMailerClient Client(ScriptedSqs sqs, Action<BulkMailerClientOptions>? configure = null)
    {
        var options = new BulkMailerClientOptions { QueueUrl = QueueUrl, BaseRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(5) };
        configure?.Invoke(options);
        return new BulkMailerClient(options, sqs);
    }

    private static async Task<List<EnqueueResult>> CollectAsync(BulkMailerClient client, IEnumerable<MailJob> jobs)
    {
        var results = new List<EnqueueResult>();
        await foreach (var result in client.EnqueueAsync(jobs).WithCancellation(new CancellationTokenSource(Deadline).Token))
        {
            results.Add(result);
        }
        return results;
    }

    [Fact]
    public async Task Jobs_are_sent_in_batches_of_ten_with_the_job_json_as_the_body()
    {
        var sqs = new ScriptedSqs();
        using var client = Client(sqs);

        var results = await CollectAsync(client, TestJobs.Range(25));

        Assert.Equal([5, 10, 10], sqs.Calls.Select(call => call.Count).Order());
        Assert.All(results, result => Assert.Equal(EnqueueOutcome.Enqueued, result.Outcome));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), results.Select(r => r.Sequence).Order());
        var sent = sqs.Calls.SelectMany(call => call).Select(entry => JobValidator.Parse(entry.MessageBody)).ToList();
        Assert.All(sent, parsed => Assert.True(parsed.IsValid));
        Assert.Equal(TestJobs.Range(25).Select(job => job.JobId).Order(), sent.Select(parsed => parsed.Job!.JobId).Order());
        Assert.All(sqs.Calls.SelectMany(call => call), entry => Assert.Null(entry.MessageGroupId));
    }

    [Fact]
    public async Task Invalid_jobs_are_reported_with_the_validators_reason_and_never_sent()
    {
        var sqs = new ScriptedSqs();
        using var client = Client(sqs);
        var bad = TestJobs.Valid(2) with { To = "nobody" };

        var results = await CollectAsync(client, [TestJobs.Valid(1), bad, TestJobs.Valid(3)]);

        var invalid = Assert.Single(results, r => r.Outcome == EnqueueOutcome.Invalid);
        Assert.Equal(1, invalid.Sequence);
        Assert.Equal("to must be exactly one valid recipient address", invalid.Reason);
        Assert.Equal(0, invalid.Attempts);
        Assert.DoesNotContain(sqs.Calls.SelectMany(call => call), entry => entry.MessageBody.Contains(bad.JobId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Entries_failed_without_sender_fault_are_retried_alone_until_enqueued()
    {
        var sqs = new ScriptedSqs();
        sqs.Then(ScriptedSqs.FailPositions(senderFault: false, 0, 3));
        using var client = Client(sqs);

        var results = await CollectAsync(client, TestJobs.Range(10));

        Assert.All(results, result => Assert.Equal(EnqueueOutcome.Enqueued, result.Outcome));
        Assert.Equal([10, 2], sqs.Calls.Select(call => call.Count));
        Assert.Equal([0L, 3L], results.Where(r => r.Attempts == 2).Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task Entries_failed_by_the_sender_are_reported_failed_and_not_retried()
    {
        var sqs = new ScriptedSqs();
        sqs.Then(ScriptedSqs.FailPositions(senderFault: true, 1));
        using var client = Client(sqs);

        var results = await CollectAsync(client, TestJobs.Range(10));

        var failed = Assert.Single(results, r => r.Outcome == EnqueueOutcome.Failed);
        Assert.Equal(1, failed.Sequence);
        Assert.StartsWith("InvalidParameterValue", failed.Reason, StringComparison.Ordinal);
        Assert.Single(sqs.Calls);
    }

    [Fact]
    public async Task A_transient_error_retries_the_whole_batch()
    {
        var sqs = new ScriptedSqs();
        sqs.ThenThrow(new AmazonSQSException("scripted outage", ErrorType.Receiver, "InternalError", "r-1", HttpStatusCode.InternalServerError));
        sqs.ThenThrow(new HttpRequestException("connection reset"));
        using var client = Client(sqs);

        var results = await CollectAsync(client, TestJobs.Range(7));

        Assert.All(results, result => Assert.Equal((EnqueueOutcome.Enqueued, 3), (result.Outcome, result.Attempts)));
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts_with_the_last_reason()
    {
        var sqs = new ScriptedSqs();
        for (var i = 0; i < 3; i++)
        {
            sqs.Then(ScriptedSqs.FailPositions(senderFault: false, 0));
        }
        using var client = Client(sqs, options => options.MaxAttempts = 3);

        var results = await CollectAsync(client, TestJobs.Range(4));

        var failed = Assert.Single(results, r => r.Outcome == EnqueueOutcome.Failed);
        Assert.Equal((0L, 3), (failed.Sequence, failed.Attempts));
        Assert.EndsWith("(after 3 attempts)", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(3, results.Count(r => r.Outcome == EnqueueOutcome.Enqueued));
    }

    [Fact]
    public async Task An_error_that_would_fail_every_batch_ends_the_enqueue_instead_of_hanging()
    {
        var sqs = new ScriptedSqs();
        for (var i = 0; i < 20; i++)
        {
            sqs.ThenThrow(new QueueDoesNotExistException("The specified queue does not exist."));
        }
        using var client = Client(sqs);

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => CollectAsync(client, TestJobs.Range(2_000)).WaitAsync(Deadline));
    }

    [Fact]
    public async Task No_more_than_the_configured_batches_are_in_flight()
    {
        var sqs = new ScriptedSqs { Latency = TimeSpan.FromMilliseconds(15) };
        using var client = Client(sqs, options => options.MaxBatchesInFlight = 3);

        var results = await CollectAsync(client, TestJobs.Range(300));

        Assert.Equal(300, results.Count);
        Assert.InRange(sqs.PeakInFlight, 2, 3);
    }

    [Fact]
    public async Task The_input_is_pulled_lazily_so_a_huge_campaign_is_never_held_in_memory()
    {
        var pulled = 0;
        IEnumerable<MailJob> Endless()
        {
            for (var i = 1; ; i++)
            {
                Interlocked.Increment(ref pulled);
                yield return TestJobs.Valid(i);
            }
        }
        var sqs = new ScriptedSqs { Latency = TimeSpan.FromMilliseconds(2) };
        using var client = Client(sqs);

        var seen = 0;
        await foreach (var result in client.EnqueueAsync(Endless()).WithCancellation(new CancellationTokenSource(Deadline).Token))
        {
            if (++seen == 1_000)
            {
                break;
            }
        }

        // The window: 8 queued batches + 8 in flight + the one being filled + the results channel (160).
        Assert.InRange(Volatile.Read(ref pulled), 1_000, 1_000 + 8 * 10 + 8 * 10 + 10 + 160 + 10);
    }

    [Fact]
    public async Task A_fifo_queue_gets_a_group_and_a_hashed_deduplication_id_per_job()
    {
        var sqs = new ScriptedSqs();
        using var client = Client(sqs, options => options.QueueUrl = QueueUrl + ".fifo");

        await CollectAsync(client, TestJobs.Range(3));

        var entries = sqs.Calls.SelectMany(call => call).ToList();
        Assert.Equal(["test/000001", "test/000002", "test/000003"], entries.Select(e => e.MessageGroupId).Order());
        Assert.All(entries, entry => Assert.Equal(64, entry.MessageDeduplicationId.Length));
        Assert.Equal(3, entries.Select(e => e.MessageDeduplicationId).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_is_cut_short_rather_than_exceed_the_byte_limit()
    {
        var sqs = new ScriptedSqs();
        using var client = Client(sqs, options => options.MaxBatchBytes = 1_024);

        await CollectAsync(client, TestJobs.Range(40));

        Assert.All(sqs.Calls, call => Assert.InRange(call.Sum(e => Encoding.UTF8.GetByteCount(e.MessageBody)), 1, 1_024));
        Assert.True(sqs.Calls.Count > 4);
        Assert.Equal(40, sqs.Calls.Sum(call => call.Count));
    }

    [Fact]
    public async Task The_callback_overload_sees_every_result_and_returns_the_counts()
    {
        var sqs = new ScriptedSqs();
        sqs.Then(ScriptedSqs.FailPositions(senderFault: true, 2));
        using var client = Client(sqs);
        var seen = new List<long>();

        var summary = await client.EnqueueAsync(
            AsAsync([.. TestJobs.Range(5), TestJobs.Valid(6) with { From = "" }]),
            (result, _) =>
            {
                seen.Add(result.Sequence);
                return ValueTask.CompletedTask;
            });

        Assert.Equal(new EnqueueSummary(4, 1, 1), summary);
        Assert.Equal(6, seen.Distinct().Count());
    }

    private static async IAsyncEnumerable<MailJob> AsAsync(IEnumerable<MailJob> jobs)
    {
        foreach (var job in jobs)
        {
            await Task.Yield();
            yield return job;
        }
    }
}
