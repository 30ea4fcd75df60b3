using System.CommandLine;
using System.CommandLine.Invocation;
using Amazon.Runtime;
using BulkMailer.Cli.Commands;
using Npgsql;

namespace BulkMailer.Cli.Operations;

/// <summary>
/// The one action every operators' command runs through: usage errors (System.CommandLine's own included) exit with
/// <see cref="OperatorExitCodes.Usage"/>, a database or AWS failure with <see cref="OperatorExitCodes.Failed"/> and
/// its message, Ctrl-C or SIGTERM (the first one; a second ends the process) with <see cref="OperatorExitCodes.Interrupted"/>.
/// </summary>
internal sealed class OperatorAction(string name, OperatorEnvironment environment, Func<ParseResult, CancellationToken, Task<int>> run) : AsynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        var problems = ParseProblems.Of(parseResult);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await environment.Error.WriteLineAsync($"{name}: {problem}").ConfigureAwait(false);
            }
            await environment.Error.WriteLineAsync($"{name}: see --help").ConfigureAwait(false);
            return OperatorExitCodes.Usage;
        }

        using var interrupt = new FirstSignalCancellation(cancellationToken);
        try
        {
            return await run(parseResult, interrupt.Token).ConfigureAwait(false);
        }
        catch (OperatorUsageException ex)
        {
            await environment.Error.WriteLineAsync($"{name}: {ex.Message}").ConfigureAwait(false);
            return OperatorExitCodes.Usage;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            await environment.Error.WriteLineAsync($"{name}: interrupted").ConfigureAwait(false);
            return OperatorExitCodes.Interrupted;
        }
        catch (Exception ex) when (ex is NpgsqlException or AmazonServiceException or AmazonClientException or TimeoutException)
        {
            await environment.Error.WriteLineAsync($"{name}: {ex.Message}").ConfigureAwait(false);
            return OperatorExitCodes.Failed;
        }
    }
}
