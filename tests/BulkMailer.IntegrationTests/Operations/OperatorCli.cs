using System.CommandLine;
using Amazon.Runtime;
using BulkMailer.Cli.Commands;
using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Client;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary>Runs the operators' commands in-process through their System.CommandLine definitions, console and error recorded.</summary>
public static class OperatorCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = RecordingConsole.Create(output);
        // Wide enough that the status table's rows are not wrapped.
        console.Profile.Width = 240;
        // Explicit test credentials instead of the process environment, which other tests share.
        var environment = new OperatorEnvironment(console, error, endpoint => FauxqsQueue.SqsClient(new Uri(endpoint.ServiceUrl!)))
        {
            SesCredentials = new BasicAWSCredentials("local", "local"),
        };
        var root = new RootCommand
        {
            StatusCommand.Create(environment),
            CampaignCommand.Create(environment),
            RedriveCommand.Create(environment),
            SuppressionCommand.Create(environment),
            PruneCommand.Create(environment),
        };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration());
        return (exitCode, output.ToString(), error.ToString());
    }
}
