using System.CommandLine;
using BulkMailer.Cli.Commands;
using BulkMailer.Cli.Enqueue;
using BulkMailer.Client.Enqueueing;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.IntegrationTests.Operations;
using BulkMailer.TestSupport.Sqs;

namespace BulkMailer.IntegrationTests.Client;

/// <summary><c>bulkmailer enqueue</c>, driven in-process through its System.CommandLine definition.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class EnqueueCommandTests(LocalServersFixture stack) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("enqueue-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = RecordingConsole.Create(output);
        // Explicit test credentials instead of the process environment, which other tests share.
        var environment = new EnqueueEnvironment(console, error, options => new BulkMailerClient(options, FauxqsQueue.SqsClient(new Uri(options.ServiceUrl!))));
        var root = new RootCommand { EnqueueCommand.Create(environment) };
        var exitCode = await root.Parse(["enqueue", .. args]).InvokeAsync(new InvocationConfiguration(), cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Dry_run_reports_the_exact_line_numbers_of_the_bad_lines_and_sends_nothing()
    {
        var file = Path.Combine(_directory, "mixed.jsonl");
        var good = File.ReadAllLines(IntegrationJobs.WriteJsonl(_directory, "dry", 6));
        await File.WriteAllLinesAsync(file,
        [
            good[0],
            good[1],
            good[2].Replace("user3@example.com", "user3-at-example.com", StringComparison.Ordinal),
            string.Empty,
            good[3],
            "{ this is not json",
            """{"jobId":"dry/x","from":"news@acme.example","to":"bob@example.com","subject":"no body"}""",
            good[4],
            good[5].Replace("\"jobId\":\"dry/000006\",", string.Empty, StringComparison.Ordinal),
        ]);

        var (exitCode, output, _) = await RunAsync(["--file", file, "--dry-run"]);

        Assert.Equal(EnqueueExitCodes.InvalidLines, exitCode);
        var reported = output.Split('\n').Where(line => line.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["line 3:", "line 6:", "line 7:", "line 9:"], reported.Select(line => line[..(line.IndexOf(':', StringComparison.Ordinal) + 1)]));
        Assert.Contains("line 3: to must be exactly one valid recipient address", output, StringComparison.Ordinal);
        Assert.Contains("line 7: at least one of text or html is required", output, StringComparison.Ordinal);
        Assert.Contains("dry run: 9 lines, 4 valid jobs, 4 invalid lines", output, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", output, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".checkpoint"));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_after_its_checkpoint_and_no_line_is_enqueued_twice()
    {
        const int count = 3_000;
        using var queue = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "cli-resume");
        await using var proxy = SqsFaultProxy.Start(stack.FauxqsEndpoint);
        using var interrupt = new CancellationTokenSource();
        proxy.OnBatchForwarded = calls =>
        {
            if (calls == 40)
            {
                interrupt.Cancel();
            }
        };
        var file = IntegrationJobs.WriteJsonl(_directory, "resume", count);
        string[] args = ["--file", file, "--queue-url", queue.Url, "--endpoint-url", proxy.Endpoint.ToString()];

        var first = await RunAsync(args, interrupt.Token);
        var checkpoint = CheckpointStore.Load(file + ".checkpoint");
        var second = await RunAsync(args);
        var received = await queue.DrainJobIdsAsync(count, TimeSpan.FromSeconds(60));

        Assert.Equal(EnqueueExitCodes.Interrupted, first.ExitCode);
        Assert.NotNull(checkpoint);
        Assert.InRange(checkpoint.Line, 400, count - 1);
        Assert.Equal(EnqueueExitCodes.Success, second.ExitCode);
        Assert.Contains($"already done by an earlier run {checkpoint.Line}", second.Output, StringComparison.Ordinal);
        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Distinct().Count());
        Assert.Equal(count, CheckpointStore.Load(file + ".checkpoint")!.Line);
    }

    [Fact]
    public async Task A_csv_file_becomes_template_jobs_with_ids_from_the_campaign_and_row()
    {
        using var queue = await FauxqsQueue.CreateAsync(stack.FauxqsEndpoint, "cli-csv");
        var file = Path.Combine(_directory, "recipients.csv");
        await File.WriteAllLinesAsync(file, ["to,name", .. Enumerable.Range(1, 30).Select(n => $"user{n}@example.com,User {n}")]);

        var (exitCode, output, error) = await RunAsync(
            ["--file", file, "--queue-url", queue.Url, "--endpoint-url", stack.FauxqsEndpoint.ToString(), "--template", "welcome-v3", "--from", "news@acme.example", "--campaign", "spring"]);
        var received = await queue.DrainJobIdsAsync(30, TimeSpan.FromSeconds(30));

        Assert.True(exitCode == EnqueueExitCodes.Success, output + error);
        Assert.Equal(Enumerable.Range(1, 30).Select(n => $"spring/{n:D6}"), received.Order());
    }

    [Fact]
    public async Task A_run_with_a_bad_option_is_a_usage_error()
    {
        var file = IntegrationJobs.WriteJsonl(_directory, "usage", 1);

        var unknown = await RunAsync(["--file", file, "--queue-url", "http://127.0.0.1:1/q", "--bogus"]);
        var noQueue = await RunAsync(["--file", file]);

        Assert.Equal(EnqueueExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("--bogus", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(EnqueueExitCodes.Usage, noQueue.ExitCode);
        Assert.Contains("--queue-url", noQueue.Error, StringComparison.Ordinal);
    }
}
