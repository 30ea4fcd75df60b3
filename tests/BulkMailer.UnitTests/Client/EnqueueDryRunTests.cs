using BulkMailer.Cli.Enqueue;
using Spectre.Console;

namespace BulkMailer.UnitTests.Client;

public sealed class EnqueueDryRunTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dry-run-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (EnqueueEnvironment Environment, StringWriter Output) Environment()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        return (new EnqueueEnvironment(console, new StringWriter(), _ => throw new InvalidOperationException("a dry run must not create a client")), output);
    }

    [Fact]
    public async Task A_bare_address_that_the_json_parser_quotes_is_masked_in_the_report()
    {
        var file = Path.Combine(_directory, "leak.jsonl");
        await File.WriteAllTextAsync(file, "nora.lovelace@example.com\n");
        var (environment, output) = Environment();

        var exitCode = await new EnqueueRunner(new EnqueueSettings { FilePath = file, DryRun = true }, environment).RunAsync();

        Assert.Equal(EnqueueExitCodes.InvalidLines, exitCode);
        Assert.StartsWith("line 1: not a valid mail job", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("nora.lovelace@example.com", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("n***@example.com#", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_file_passes_the_dry_run_with_exit_code_zero()
    {
        var file = Path.Combine(_directory, "clean.jsonl");
        await File.WriteAllTextAsync(file, """{"jobId":"j1","from":"news@acme.example","to":"ada@example.com","subject":"Hi","text":"x"}""" + "\n");
        var (environment, output) = Environment();

        var exitCode = await new EnqueueRunner(new EnqueueSettings { FilePath = file, DryRun = true }, environment).RunAsync();

        Assert.Equal(EnqueueExitCodes.Success, exitCode);
        Assert.Contains("dry run: 1 lines, 1 valid jobs, 0 invalid lines", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var (environment, _) = Environment();

        var exitCode = await new EnqueueRunner(new EnqueueSettings { FilePath = Path.Combine(_directory, "absent.jsonl"), DryRun = true }, environment).RunAsync();

        Assert.Equal(EnqueueExitCodes.Usage, exitCode);
    }

    [Fact]
    public void Exit_codes_are_the_documented_ones()
    {
        Assert.Equal((0, 1, 2, 4, 130), (EnqueueExitCodes.Success, EnqueueExitCodes.SomeFailed, EnqueueExitCodes.Usage, EnqueueExitCodes.InvalidLines, EnqueueExitCodes.Interrupted));
        Assert.Contains("130 interrupted", EnqueueExitCodes.HelpTable, StringComparison.Ordinal);
    }
}
