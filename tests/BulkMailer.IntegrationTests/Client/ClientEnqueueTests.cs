using System.Diagnostics;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.TestSupport.Sqs;
using Xunit.Abstractions;

namespace BulkMailer.IntegrationTests.Client;

[Collection(LocalServersCollection.Name)]
public sealed class ClientEnqueueTests(LocalServersFixture stack, ITestOutputHelper output)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    private static BulkMailerClient ClientFor(Uri endpoint, string queueUrl, Action<BulkMailerClientOptions>? configure = null)
    {
        var options = new BulkMailerClientOptions { QueueUrl = queueUrl };
        configure?.Invoke(options);
        return new BulkMailerClient(options, FauxqsQueue.SqsClient(endpoint));
    }

    [Fact]
    public async Task Twenty_five_thousand_jobs_are_enqueued_and_each_is_received_exactly_once()
    {
        const int count = 25_000;
        using var queue = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "client-25k");
        using var client = ClientFor(stack.FauxqsEndpoint, queue.Url);

        var clock = Stopwatch.StartNew();
        var summary = await client.EnqueueAsync(ToAsync(IntegrationJobs.Campaign("c25k", count)), (_, _) => ValueTask.CompletedTask);
        var enqueueTime = clock.Elapsed;
        var received = await queue.DrainJobIdsAsync(count, DrainTimeout);
        output.WriteLine($"enqueued {count} in {enqueueTime.TotalSeconds:F1} s = {count / enqueueTime.TotalSeconds:F0} jobs/s; drained in {(clock.Elapsed - enqueueTime).TotalSeconds:F1} s");

        Assert.Equal(new EnqueueSummary(count, 0, 0), summary);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
    }

    [Fact]
    public async Task Entries_fauxqs_reports_failed_and_calls_it_answers_500_are_retried_and_every_job_arrives_once()
    {
        const int count = 2_000;
        using var queue = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "client-faults");
        await using var proxy = SqsFaultProxy.Start(stack.FauxqsEndpoint);
        proxy.FailEntriesEvery = 3;
        proxy.FailedEntriesPerCall = 4;
        proxy.ServerErrorEvery = 7;
        using var client = ClientFor(proxy.Endpoint, queue.Url, options =>
        {
            options.MaxAttempts = 10;
            options.BaseRetryDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
        });

        var results = new List<EnqueueResult>();
        await foreach (var result in client.EnqueueAsync(IntegrationJobs.Campaign("faults", count)))
        {
            results.Add(result);
        }
        var received = await queue.DrainJobIdsAsync(count, DrainTimeout);

        Assert.True(proxy.InjectedEntryFailures > 0 && proxy.InjectedServerErrors > 0, "the proxy injected no faults");
        Assert.All(results, result => Assert.Equal(EnqueueOutcome.Enqueued, result.Outcome));
        Assert.Equal(count, results.Count);
        Assert.Contains(results, result => result.Attempts > 1);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
    }

    [Fact]
    public async Task A_fifo_queue_drops_a_second_enqueue_of_the_same_jobs_by_deduplication_id()
    {
        const int count = 50;
        using var queue = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "client-fifo", fifo: true);
        using var client = ClientFor(stack.FauxqsEndpoint, queue.Url);

        var first = await client.EnqueueAsync(ToAsync(IntegrationJobs.Campaign("fifo", count)), (_, _) => ValueTask.CompletedTask);
        var second = await client.EnqueueAsync(ToAsync(IntegrationJobs.Campaign("fifo", count)), (_, _) => ValueTask.CompletedTask);
        var received = await queue.DrainJobIdsAsync(count, DrainTimeout);

        Assert.Equal((count, count), (first.Enqueued, second.Enqueued));
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }
        await Task.CompletedTask;
    }
}
