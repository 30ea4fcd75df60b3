using System.CommandLine;
using BulkMailer.Cli.Operations;
using BulkMailer.Data.Operations;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer campaign cancel|pause|resume --db CONN ID</c>: the operator's say over a campaign, read by the
/// sender's claim (docs/operators.md, "A campaign's life"). Works before any job of the campaign was claimed.
/// </summary>
public static class CampaignCommand
{
    public static Command Create(OperatorEnvironment? environment = null)
    {
        var env = environment ?? OperatorEnvironment.Default;
        var command = new Command("campaign", "Cancel, pause or resume a campaign");
        command.Subcommands.Add(Verb(env, "cancel",
            "Cancel for good: every job not yet accepted by SES ends 'cancelled' at its claim and is never sent; jobs in flight finish",
            (control, id, token) => control.CancelAsync(id, token),
            "cancelled: its queued jobs end 'cancelled' when the sender next sees them; jobs SES accepted are untouched"));
        command.Subcommands.Add(Verb(env, "pause",
            "Pause: the sender hands the campaign's jobs back to the queue, neither sending nor dead-lettering them, until resume",
            (control, id, token) => control.PauseAsync(id, token),
            "paused: its jobs go back to the queue unsent until 'campaign resume'"));
        command.Subcommands.Add(Verb(env, "resume",
            "Resume a paused campaign: its jobs are sent as they come back from the queue",
            (control, id, token) => control.ResumeAsync(id, token),
            "active: its jobs are sent as they come back from the queue"));
        return command;
    }

    private static Command Verb(OperatorEnvironment env, string name, string description, Func<CampaignControl, string, CancellationToken, Task<string>> change, string done)
    {
        var db = DatabaseOption.Create();
        var id = new Argument<string>("ID") { Description = "The campaign id (the jobs' campaignId)" };
        var verb = new Command(name, description + ". " + OperatorExitCodes.HelpTable) { db, id };
        verb.Action = new OperatorAction($"campaign {name}", env, async (parse, cancellationToken) =>
        {
            var campaignId = parse.GetValue(id);
            if (string.IsNullOrWhiteSpace(campaignId) || campaignId.Length > 128)
            {
                throw new OperatorUsageException("ID must be 1 to 128 characters");
            }
            await using var connection = DatabaseOption.Connect(parse, db);
            var state = await change(new CampaignControl(connection), campaignId, cancellationToken).ConfigureAwait(false);
            if (state == CampaignState.Cancelled && name != "cancel")
            {
                await env.Error.WriteLineAsync($"campaign {name}: campaign '{campaignId}' is cancelled; a cancelled campaign is never paused or resumed").ConfigureAwait(false);
                return OperatorExitCodes.Refused;
            }
            env.Console.Profile.Out.Writer.WriteLine($"campaign '{campaignId}' {done}");
            return OperatorExitCodes.Success;
        });
        return verb;
    }
}
