using Amazon.SQS.Model;
using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Client;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary><c>bulkmailer redrive</c> between two queues on fauxqs.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class RedriveCommandTests(LocalServersFixture stack)
{
    private static async Task FillAsync(FauxqsQueue queue, int count)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10))
        {
            await queue.Sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queue.Url,
                Entries = [.. chunk.Select(i => new SendMessageBatchRequestEntry($"e{i}", $$"""{"jobId":"redrive/{{i:000}}","n":{{i}}}""")
                {
                    MessageAttributes = new Dictionary<string, MessageAttributeValue>
                    {
                        ["origin"] = new() { DataType = "String", StringValue = $"producer-{i}" },
                    },
                })],
            });
        }
    }

    private static async Task<List<Message>> ReceiveAllAsync(FauxqsQueue queue)
    {
        var all = new List<Message>();
        while (true)
        {
            var received = await queue.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queue.Url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"],
            });
            if (received.Messages is not { Count: > 0 } messages)
            {
                return all;
            }
            all.AddRange(messages);
        }
    }

    [Fact]
    public async Task Redrive_moves_every_message_with_its_body_and_attributes_and_empties_the_DLQ()
    {
        using var dlq = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "redrive-dlq");
        using var target = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "redrive-target");
        await FillAsync(dlq, 23);

        var (exitCode, output, error) = await OperatorCli.RunAsync("redrive", "--from", dlq.Url, "--to", target.Url, "--endpoint-url", stack.FauxqsEndpoint.ToString());

        Assert.True(exitCode == OperatorExitCodes.Success, error);
        Assert.Contains($"moved 23 message(s) from {dlq.Url} to {target.Url}", output, StringComparison.Ordinal);
        var moved = await ReceiveAllAsync(target);
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $$"""{"jobId":"redrive/{{i:000}}","n":{{i}}}"""), moved.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(moved, m => Assert.Equal($"producer-{m.Body.Split(":")[^1].TrimEnd('}')}", m.MessageAttributes["origin"].StringValue));
        Assert.Empty(await ReceiveAllAsync(dlq));
    }

    [Fact]
    public async Task Redrive_with_max_moves_exactly_that_many_and_leaves_the_rest()
    {
        using var dlq = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "redrive-max-dlq");
        using var target = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "redrive-max-target");
        await FillAsync(dlq, 15);

        var (exitCode, output, _) = await OperatorCli.RunAsync("redrive", "--from", dlq.Url, "--to", target.Url, "--max", "12", "--endpoint-url", stack.FauxqsEndpoint.ToString());

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        Assert.Contains("moved 12 message(s)", output, StringComparison.Ordinal);
        Assert.Equal(12, (await ReceiveAllAsync(target)).Count);
        Assert.Equal(3, (await ReceiveAllAsync(dlq)).Count);
    }

    [Fact]
    public async Task A_DLQ_that_does_not_exist_is_named_in_a_clear_message_and_exits_not_found()
    {
        using var target = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "redrive-missing-target");
        var missing = target.Url[..target.Url.LastIndexOf('/')] + "/no-such-dlq-" + Guid.NewGuid().ToString("N");

        var (exitCode, output, error) = await OperatorCli.RunAsync("redrive", "--from", missing, "--to", target.Url, "--endpoint-url", stack.FauxqsEndpoint.ToString());

        Assert.Equal(OperatorExitCodes.NotFound, exitCode);
        Assert.Contains("no such queue", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.DoesNotContain("moved", output, StringComparison.Ordinal);
    }
}
