using System.CommandLine;
using System.CommandLine.Invocation;
using BulkMailer.Cli.Enqueue;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer enqueue --queue-url URL --file F</c>: JSONL or CSV (+ template) to SQS with SendMessageBatch,
/// a progress bar, and a checkpoint that makes Ctrl-C and rerun safe. See docs/enqueue.md.
/// </summary>
public static class EnqueueCommand
{
    public static Command Create(EnqueueEnvironment? environment = null)
    {
        var queueUrl = new Option<string?>("--queue-url") { Description = "URL of the mail-jobs queue (not needed with --dry-run)" };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Input: JSONL (one mail job per line) or CSV (header row; to/email, optional jobId/from, other columns = template data)" };
        var format = new Option<InputFormat>("--format") { Description = "Input format; auto = csv for *.csv, else jsonl", DefaultValueFactory = _ => InputFormat.Auto };
        var template = new Option<string?>("--template") { Description = "CSV: SES template name for every row" };
        var from = new Option<string?>("--from") { Description = "CSV: sender mailbox (unless a 'from' column is present)" };
        var campaign = new Option<string?>("--campaign") { Description = "CSV: campaign id; job ids are CAMPAIGN/NNNNNN by data row unless a 'jobId' column is present" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate only: print invalid lines with line numbers and reasons; no SQS calls" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint file (default: FILE.checkpoint)" };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "SendMessageBatch calls in flight", DefaultValueFactory = _ => 8 };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Attempts per job before it counts as failed", DefaultValueFactory = _ => 5 };
        var endpointUrl = new Option<string?>("--endpoint-url") { Description = "SQS endpoint (default: AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL, then AWS)" };
        var region = new Option<string?>("--region") { Description = "AWS region (default: the standard AWS configuration)" };

        var command = new Command("enqueue", "Enqueue mail jobs from a JSONL or CSV file to SQS; resumable. " + EnqueueExitCodes.HelpTable)
        {
            queueUrl, file, format, template, from, campaign, dryRun, checkpoint, maxInFlight, maxAttempts, endpointUrl, region,
        };
        command.Action = new EnqueueAction(parse =>
        {
            var input = parse.GetValue(file) ?? throw new EnqueueUsageException("--file is required");
            return new EnqueueSettings
            {
                FilePath = input.FullName,
                QueueUrl = parse.GetValue(queueUrl),
                Format = parse.GetValue(format),
                CsvDefaults = new CsvJobDefaults(parse.GetValue(template), parse.GetValue(from), parse.GetValue(campaign)),
                DryRun = parse.GetValue(dryRun),
                CheckpointPath = parse.GetValue(checkpoint),
                MaxInFlight = parse.GetValue(maxInFlight),
                MaxAttempts = parse.GetValue(maxAttempts),
                EndpointUrl = parse.GetValue(endpointUrl),
                Region = parse.GetValue(region),
            };
        }, environment ?? EnqueueEnvironment.Default);
        return command;
    }

    /// <summary>
    /// Runs even when parsing failed, so that every usage error — System.CommandLine's own (unknown option,
    /// malformed number) included — exits with <see cref="EnqueueExitCodes.Usage"/>, as documented.
    /// </summary>
    private sealed class EnqueueAction(Func<ParseResult, EnqueueSettings> bind, EnqueueEnvironment environment) : AsynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
        {
            var problems = ParseProblems.Of(parseResult);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await environment.Error.WriteLineAsync($"enqueue: {problem}").ConfigureAwait(false);
                }
                return EnqueueExitCodes.Usage;
            }
            EnqueueSettings settings;
            try
            {
                settings = bind(parseResult);
            }
            catch (EnqueueUsageException ex)
            {
                await environment.Error.WriteLineAsync($"enqueue: {ex.Message}").ConfigureAwait(false);
                return EnqueueExitCodes.Usage;
            }
            using var interrupt = new FirstSignalCancellation(cancellationToken);
            return await new EnqueueRunner(settings, environment).RunAsync(interrupt.Token).ConfigureAwait(false);
        }
    }
}
