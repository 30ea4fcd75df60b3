using System.CommandLine;
using BulkMailer.Cli.Commands;

var root = new RootCommand("bulkmailer: the BulkMailer operator and developer CLI");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(BudgetCommand.Create());
root.Subcommands.Add(EnqueueCommand.Create());
root.Subcommands.Add(LocalCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(PackageCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(CampaignCommand.Create());
root.Subcommands.Add(RedriveCommand.Create());
root.Subcommands.Add(SuppressionCommand.Create());
root.Subcommands.Add(PruneCommand.Create());

// Every command gets a token the first termination signal cancels, with no time limit on its teardown
// (System.CommandLine's own handler, switched off here, let the process end 2 s after the signal).
using var interrupt = new FirstSignalCancellation(CancellationToken.None);
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token);
