using System.CommandLine;
using BulkMailer.LocalLambda.Reporting;
using BulkMailer.LocalLambda.Runs;
using Spectre.Console;

namespace BulkMailer.Cli.Commands;

/// <summary><c>bulkmailer local run</c>: the whole pipeline end to end on the local stack (docs/contract.md §1, the README commands).</summary>
public static class LocalCommand
{
    public static Command Create()
    {
        var defaults = new LocalRunOptions();
        var jobs = new Option<int>("--jobs") { Description = "Jobs in the sample campaign", DefaultValueFactory = _ => defaults.Jobs };
        var senderConcurrency = new Option<int>("--sender-concurrency") { Description = "Sender reserved (= maximum) concurrency", DefaultValueFactory = _ => defaults.SenderConcurrency };
        var feedbackConcurrency = new Option<int>("--feedback-concurrency") { Description = "Feedback reserved (= maximum) concurrency", DefaultValueFactory = _ => defaults.FeedbackConcurrency };
        var batchSize = new Option<int>("--batch-size") { Description = "Sender batch size", DefaultValueFactory = _ => defaults.BatchSize };
        var window = new Option<int>("--batching-window-ms") { Description = "Sender batching window in milliseconds", DefaultValueFactory = _ => (int)defaults.BatchingWindow.TotalMilliseconds };
        var report = new Option<string?>("--report") { Description = "Folder for report.md, report.json and connections.png" };
        var aot = new Option<bool>("--aot") { Description = "Publish the functions as Native AOT, as deployed (the default; kept for older scripts)" };
        var jit = new Option<bool>("--jit") { Description = "Publish the functions framework-dependent (JIT): quicker to build, not as deployed" };
        var timeout = new Option<int>("--timeout-seconds") { Description = "Give up if the campaign has not settled by then", DefaultValueFactory = _ => (int)defaults.Timeout.TotalSeconds };
        var sesRate = new Option<double>("--ses-max-send-rate") { Description = "SES account rate (mails/s) enforced by a front before the SES emulator; the sender gets BULKMAILER_ACCOUNT_SEND_RATE (0: none)" };
        var sesLatency = new Option<int>("--ses-latency-ms") { Description = "Milliseconds the SES front takes per send call (0: no delay)" };
        var recycle = new Option<int?>("--recycle-idle-seconds") { Description = "Destroy environments idle this long, as Lambda does (default: keep them)" };

        var run = new Command("run", "Run the sample campaign through both functions on the local stack and report")
        {
            jobs, senderConcurrency, feedbackConcurrency, batchSize, window, report, aot, jit, timeout, recycle, sesRate, sesLatency,
        };
        run.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(aot) && parse.GetValue(jit))
            {
                await Console.Error.WriteLineAsync("local run: --aot and --jit exclude each other").ConfigureAwait(false);
                return 2;
            }
            var options = new LocalRunOptions
            {
                Jobs = parse.GetValue(jobs),
                SenderConcurrency = parse.GetValue(senderConcurrency),
                FeedbackConcurrency = parse.GetValue(feedbackConcurrency),
                BatchSize = parse.GetValue(batchSize),
                BatchingWindow = TimeSpan.FromMilliseconds(parse.GetValue(window)),
                ReportDirectory = parse.GetValue(report),
                NativeAot = !parse.GetValue(jit),
                Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                RecycleAfterIdle = parse.GetValue(recycle) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                SesMaxSendRate = parse.GetValue(sesRate),
                SesLatency = TimeSpan.FromMilliseconds(parse.GetValue(sesLatency)),
            };
            if (options.Validate() is { Count: > 0 } problems)
            {
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"local run: {problem}").ConfigureAwait(false);
                }
                return 2;
            }
            return await InterruptedRun.GuardAsync("local run", () => RunAndReportAsync(options, cancellationToken), cancellationToken).ConfigureAwait(false);
        });

        return new Command("local", "The local stack: PostgreSQL, fauxqs, aws-ses-v2-local and the local Lambda service") { run };
    }

    private static async Task<int> RunAndReportAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        var result = await RunWithProgressAsync(options, cancellationToken).ConfigureAwait(false);
        RunReportWriter.Print(result.Report);
        if (options.ReportDirectory is { } directory)
        {
            AnsiConsole.MarkupLineInterpolated($"report written to [bold]{Path.GetFullPath(directory)}[/]");
        }
        if (!result.Settled)
        {
            AnsiConsole.MarkupLine("[red]the campaign did not settle before the timeout[/]");
            return 1;
        }
        return result.Report.WithinBudget ? 0 : 3;
    }

    private static async Task<LocalRunResult> RunWithProgressAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        if (Console.IsOutputRedirected)
        {
            var last = string.Empty;
            return await LocalRun.RunAsync(options, new Progress<LocalRunProgress>(p =>
            {
                if (p.Stage != last)
                {
                    last = p.Stage;
                    Console.WriteLine(p.Stage);
                }
            }), cancellationToken).ConfigureAwait(false);
        }
        LocalRunResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                result = await LocalRun.RunAsync(options, new Progress<LocalRunProgress>(p =>
                {
                    task.Description = p.ExpectedJobs > 0 && p.FinalJobs > 0
                        ? $"{p.Stage}: {p.FinalJobs}/{p.ExpectedJobs} final, {p.SentBySes} sent, {p.Connections} DB connections"
                        : p.Stage;
                    task.MaxValue = Math.Max(1, p.ExpectedJobs);
                    task.Value = p.FinalJobs;
                }), cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result!;
    }
}
