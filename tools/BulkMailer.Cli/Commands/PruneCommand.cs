using System.CommandLine;
using System.Globalization;
using BulkMailer.Cli.Operations;
using BulkMailer.Data.Operations;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer prune --db CONN --older-than DAYS</c>: deletes stored SES events (mail_event: raw JSON with addresses,
/// IPs, user agents) older than the retention, in bounded batches (docs/operators.md, "Retention").
/// </summary>
public static class PruneCommand
{
    public static Command Create(OperatorEnvironment? environment = null)
    {
        var env = environment ?? OperatorEnvironment.Default;
        var db = DatabaseOption.Create();
        var olderThan = new Option<int>("--older-than") { Description = "Delete events older than this many days (by SES's event time, else when received)", Required = true };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per delete statement", DefaultValueFactory = _ => EventPruner.DefaultBatchSize };
        var command = new Command("prune", "Delete stored SES events older than the retention, in bounded batches. " + OperatorExitCodes.HelpTable)
        {
            db, olderThan, batchSize,
        };
        command.Action = new OperatorAction("prune", env, async (parse, cancellationToken) =>
        {
            var days = parse.GetValue(olderThan);
            var size = parse.GetValue(batchSize);
            if (days < 0 || size < 1)
            {
                throw new OperatorUsageException(days < 0 ? "--older-than must be 0 or more days" : "--batch-size must be at least 1");
            }
            var before = DateTime.UtcNow.AddDays(-days);
            await using var connection = DatabaseOption.Connect(parse, db);
            var deleted = await new EventPruner(connection).PruneAsync(before, size, cancellationToken: cancellationToken).ConfigureAwait(false);
            env.Console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deleted {deleted} event(s) older than {days} day(s) (before {before:yyyy-MM-dd HH:mm:ss}Z)"));
            return OperatorExitCodes.Success;
        });
        return command;
    }
}
