using System.CommandLine;
using BulkMailer.Cli.Operations;
using BulkMailer.Data.Operations;
using Spectre.Console;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer status --db CONN [--campaign ID] [--json] [--watch]</c>: every campaign's jobs by status, send rate,
/// bounce and complaint rates against SES's review thresholds, jobs in flight and the oldest expired lease
/// (docs/operators.md, "A campaign's life").
/// </summary>
public static class StatusCommand
{
    public static Command Create(OperatorEnvironment? environment = null)
    {
        var env = environment ?? OperatorEnvironment.Default;
        var db = DatabaseOption.Create();
        var campaign = new Option<string?>("--campaign") { Description = "Only this campaign; exit 3 when it has no recorded jobs" };
        var json = new Option<bool>("--json") { Description = "Print {\"campaigns\":[…]} as JSON instead of a table" };
        var watch = new Option<bool>("--watch") { Description = "Refresh the table until Ctrl-C" };
        var interval = new Option<int>("--interval-seconds") { Description = "--watch: seconds between refreshes", DefaultValueFactory = _ => 2 };
        var command = new Command("status", "Campaign progress: jobs by status, send rate, bounce and complaint rates, jobs in flight, stuck leases. "
            + OperatorExitCodes.HelpTable) { db, campaign, json, watch, interval };
        command.Action = new OperatorAction("status", env, async (parse, cancellationToken) =>
        {
            var only = parse.GetValue(campaign);
            var asJson = parse.GetValue(json);
            var watching = parse.GetValue(watch);
            var seconds = parse.GetValue(interval);
            if (watching && (asJson || seconds < 1))
            {
                throw new OperatorUsageException(asJson ? "--watch prints a table; leave out --json" : "--interval-seconds must be at least 1");
            }
            await using var connection = DatabaseOption.Connect(parse, db);
            var reader = new CampaignStatusReader(connection);
            var campaigns = await reader.ReadAsync(only, CampaignStatusReader.DefaultWindow, cancellationToken).ConfigureAwait(false);
            if (only is not null && campaigns.All(c => c.Total == 0))
            {
                var state = campaigns.FirstOrDefault()?.State;
                await env.Error.WriteLineAsync($"status: campaign '{only}' has no recorded jobs"
                    + (state is null ? " (no job of it was claimed yet, or the id is wrong)" : $" (state {state}; no job of it was claimed yet)")).ConfigureAwait(false);
                return OperatorExitCodes.NotFound;
            }
            if (asJson)
            {
                env.Console.Profile.Out.Writer.Write(StatusJson.Render(campaigns));
                return OperatorExitCodes.Success;
            }
            if (!watching)
            {
                env.Console.Write(StatusTable.Render(campaigns, DateTime.UtcNow));
                env.Console.WriteLine();
                return OperatorExitCodes.Success;
            }
            await env.Console.Live(StatusTable.Render(campaigns, DateTime.UtcNow)).StartAsync(async live =>
            {
                // Ctrl-C ends the watch: that is how it is meant to stop, so the exit code is 0.
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
                        campaigns = await reader.ReadAsync(only, CampaignStatusReader.DefaultWindow, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                    live.UpdateTarget(StatusTable.Render(campaigns, DateTime.UtcNow));
                }
            }).ConfigureAwait(false);
            return OperatorExitCodes.Success;
        });
        return command;
    }
}
