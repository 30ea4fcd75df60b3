using System.CommandLine;
using Amazon.SQS.Model;
using BulkMailer.Cli.Operations;
using Spectre.Console;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer redrive --from DLQ_URL --to QUEUE_URL [--max N]</c>: dead-lettered jobs back to their queue, bodies and
/// attributes intact, nothing lost if interrupted (docs/operators.md, "The dead-letter queue").
/// </summary>
public static class RedriveCommand
{
    public static Command Create(OperatorEnvironment? environment = null)
    {
        var env = environment ?? OperatorEnvironment.Default;
        var from = new Option<string>("--from") { Description = "URL of the dead-letter queue", Required = true };
        var to = new Option<string>("--to") { Description = "URL of the queue to move the messages to (the DLQ's source queue)", Required = true };
        var max = new Option<long?>("--max") { Description = "Move at most this many messages (default: until the DLQ is empty)" };
        var endpointUrl = new Option<string?>("--endpoint-url") { Description = "SQS endpoint (default: AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL, then AWS)" };
        var region = new Option<string?>("--region") { Description = "AWS region (default: the standard AWS configuration)" };
        var command = new Command("redrive", "Move dead-lettered messages back to a queue: receive, send, delete, ten at a time. "
            + OperatorExitCodes.HelpTable) { from, to, max, endpointUrl, region };
        command.Action = new OperatorAction("redrive", env, async (parse, cancellationToken) =>
        {
            var limit = parse.GetValue(max);
            if (limit is < 1)
            {
                throw new OperatorUsageException("--max must be at least 1");
            }
            var fromUrl = parse.GetValue(from)!;
            var toUrl = parse.GetValue(to)!;
            if (string.Equals(fromUrl, toUrl, StringComparison.Ordinal))
            {
                throw new OperatorUsageException("--from and --to are the same queue");
            }
            using var sqs = env.SqsFactory(new SqsEndpoint(parse.GetValue(endpointUrl), parse.GetValue(region)));
            var redriver = new Redriver(sqs, fromUrl, toUrl);
            long waiting;
            try
            {
                waiting = await redriver.CountWaitingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (QueueDoesNotExistException)
            {
                await env.Error.WriteLineAsync($"redrive: no such queue: {fromUrl} or {toUrl} (check the URLs, the region and --endpoint-url)").ConfigureAwait(false);
                return OperatorExitCodes.NotFound;
            }
            var total = Math.Max(1, limit is { } l ? Math.Min(l, waiting) : waiting);
            RedriveCount count = new(0, 0);
            await env.Console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask("redrive", maxValue: total);
                count = await redriver.MoveAsync(limit, moved =>
                {
                    task.MaxValue = Math.Max(task.MaxValue, moved);
                    task.Value = moved;
                }, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
            env.Console.Profile.Out.Writer.WriteLine($"moved {count.Moved} message(s) from {fromUrl} to {toUrl}"
                + (count.Refused > 0 ? $"; {count.Refused} refused by the target stay in the DLQ" : ""));
            return count.Refused > 0 ? OperatorExitCodes.Failed
                : cancellationToken.IsCancellationRequested ? OperatorExitCodes.Interrupted
                : OperatorExitCodes.Success;
        });
        return command;
    }
}
