using System.Text;
using System.Text.Json;
using BulkMailer.Cli.Enqueue;
using BulkMailer.Client.Configuration;
using BulkMailer.Client.Enqueueing;
using BulkMailer.Client.Jobs;
using BulkMailer.Core.Jobs;
using Spectre.Console;

namespace BulkMailer.UnitTests.Client;

/// <summary>The body the client sends and the dry run measures: the same bytes, as compact as the job allows.</summary>
public sealed class MailJobBodyTests : IDisposable
{
    private const int Limit = 256 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("job-body-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>About <paramref name="kilobytes"/> KB of HTML full of what default JSON escaping inflates: tags, ampersands, accents, emoji.</summary>
    private static MailJob HtmlJob(int kilobytes)
    {
        const string Chunk = "<p class=\"x\">Café & crème brûlée — 😀 <b>Grüße</b></p>\n";
        var html = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(html.ToString()) < kilobytes * 1000)
        {
            html.Append(Chunk);
        }
        return MailJobBuilder.ForJob("big/1").From("news@acme.example").To("ada@example.com").WithSubject("Menu").WithHtml(html.ToString()).Build();
    }

    private async Task<(int ExitCode, string Output)> DryRunAsync(MailJob job)
    {
        var file = Path.Combine(_directory, "jobs.jsonl");
        // Written with default escaping, as many producers do: the dry run must measure what is sent, not the file.
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(job, MailJobJsonContext.Default.MailJob) + "\n");
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        var environment = new EnqueueEnvironment(console, new StringWriter(), _ => throw new InvalidOperationException("a dry run must not create a client"));
        var exitCode = await new EnqueueRunner(new EnqueueSettings { FilePath = file, DryRun = true }, environment).RunAsync();
        return (exitCode, output.ToString());
    }

    private static async Task<(EnqueueResult Result, ScriptedSqs Sqs)> EnqueueAsync(MailJob job)
    {
        var sqs = new ScriptedSqs();
        using var client = new BulkMailerClient(new BulkMailerClientOptions { QueueUrl = "http://127.0.0.1:9/000000000000/mail-jobs" }, sqs);
        var results = new List<EnqueueResult>();
        await foreach (var result in client.EnqueueAsync([job]).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token))
        {
            results.Add(result);
        }
        return (Assert.Single(results), sqs);
    }

    [Fact]
    public async Task A_150_KB_HTML_job_passes_the_dry_run_and_is_sent_as_the_very_bytes_measured_under_256_KiB()
    {
        var job = HtmlJob(150);

        var (exitCode, output) = await DryRunAsync(job);
        var (result, sqs) = await EnqueueAsync(job);

        Assert.Equal(EnqueueExitCodes.Success, exitCode);
        Assert.Contains("1 valid jobs, 0 invalid lines", output, StringComparison.Ordinal);
        Assert.Equal(EnqueueOutcome.Enqueued, result.Outcome);
        var sent = Assert.Single(Assert.Single(sqs.Calls)).MessageBody;
        Assert.Equal(MailJobBody.Serialize(job), sent);
        Assert.True(Encoding.UTF8.GetByteCount(sent) < Limit, $"{Encoding.UTF8.GetByteCount(sent)} bytes");
        Assert.Equal(job, JobValidator.Parse(sent).Job);
    }

    [Fact]
    public void The_body_keeps_tags_ampersands_and_accented_letters_as_they_are_and_escapes_only_emoji()
    {
        var body = MailJobBody.Serialize(HtmlJob(1));

        Assert.Contains("<p class=\\\"x\\\">Café & crème brûlée — \\uD83D\\uDE00 <b>Grüße</b></p>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_whose_body_is_over_the_limit_is_refused_by_the_dry_run_and_the_enqueue_with_the_same_size()
    {
        // Within the validator's content limit, but every quote still takes two bytes in JSON.
        var job = MailJobBuilder.ForJob("big/2").From("news@acme.example").To("ada@example.com").WithSubject("Big")
            .WithText(new string('"', 150 * 1024)).Build();

        var (exitCode, output) = await DryRunAsync(job);
        var (result, sqs) = await EnqueueAsync(job);

        Assert.Equal(EnqueueExitCodes.InvalidLines, exitCode);
        Assert.Equal(EnqueueOutcome.Invalid, result.Outcome);
        Assert.Contains($"line 1: {result.Reason}", output, StringComparison.Ordinal);
        Assert.Empty(sqs.Calls);
    }
}
