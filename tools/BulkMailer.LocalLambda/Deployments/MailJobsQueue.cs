using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Core.Jobs;
using BulkMailer.LocalServers;

namespace BulkMailer.LocalLambda.Deployments;

/// <summary>Puts work on a local deployment's mail-jobs queue: through the client library, or raw as a producer would.</summary>
public sealed class MailJobsQueue(IAmazonSQS sqs, string queueUrl, Uri endpoint)
{
    public string Url => queueUrl;

    /// <summary>Enqueues through <see cref="BulkMailerClient"/>, exactly as a producer using the library does.</summary>
    public async Task<EnqueueSummary> EnqueueAsync(IEnumerable<MailJob> jobs, CancellationToken cancellationToken = default)
    {
        using var client = new BulkMailerClient(new BulkMailerClientOptions { QueueUrl = queueUrl, ServiceUrl = endpoint.ToString(), Region = LocalServerSet.Region }, sqs);
        return await client.EnqueueAsync(ToAsync(jobs), (_, _) => ValueTask.CompletedTask, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends message bodies in order, ten per SendMessageBatch, unvalidated (a producer that skips the library).</summary>
    public async Task SendBodiesAsync(IEnumerable<string> bodies, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in bodies.Chunk(10))
        {
            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), body))],
            }, cancellationToken).ConfigureAwait(false);
            if (response.Failed is { Count: > 0 } failed)
            {
                throw new InvalidOperationException($"enqueue failed: {failed[0].Code} {failed[0].Message}");
            }
        }
    }

    private static async IAsyncEnumerable<MailJob> ToAsync(IEnumerable<MailJob> jobs)
    {
        foreach (var job in jobs)
        {
            yield return job;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
