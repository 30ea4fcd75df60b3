using System.CommandLine;
using BulkMailer.Bench.AccountRate;
using BulkMailer.Bench.Feedback;
using BulkMailer.Bench.Reporting;
using BulkMailer.Bench.Running;
using BulkMailer.Bench.Variants;
using Spectre.Console;

namespace BulkMailer.Cli.Commands;

/// <summary><c>bulkmailer bench</c>: this design side by side with the naive connection patterns of the reports in docs/background.md.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var defaults = new BenchOptions();
        var jobs = new Option<int>("--jobs") { Description = "Jobs per variant", DefaultValueFactory = _ => defaults.Jobs };
        var concurrency = new Option<int>("--concurrency") { Description = "Sender concurrency for every variant", DefaultValueFactory = _ => defaults.Concurrency };
        var maxConnections = new Option<int>("--max-connections") { Description = "PostgreSQL max_connections", DefaultValueFactory = _ => defaults.MaxConnections };
        var timeout = new Option<int>("--variant-timeout-seconds") { Description = "Stop a variant that has not settled by then", DefaultValueFactory = _ => (int)defaults.VariantTimeout.TotalSeconds };
        var variants = new Option<string[]>("--variant") { Description = $"Variants to run (default all): {string.Join(", ", BenchVariant.All)}", AllowMultipleArgumentsPerToken = true };
        var jit = new Option<bool>("--jit") { Description = "Publish the bench sender framework-dependent (JIT) for a quick run; the default is Native AOT, as deployed" };
        var output = new Option<string>("--out") { Description = "Folder for bench.md, bench.json and bench.png", DefaultValueFactory = _ => defaults.ReportDirectory };
        var scenario = new Option<string>("--scenario") { Description = "variants (default: the sender's data-access variants side by side), feedback (SES event ingest at batch 10, 100, 1000) or account-rate (senders against one SES account rate)", DefaultValueFactory = _ => "variants" };
        scenario.AcceptOnlyFromAmong("variants", "feedback", "account-rate");
        var feedback = new BenchFeedbackOptions();
        var accountRate = new BenchAccountRateOptions();

        var command = new Command("bench", "Run the same job set through this design and the naive connection patterns of the reports in docs/background.md, side by side")
        {
            jobs, concurrency, maxConnections, timeout, variants, jit, output, scenario,
        };
        foreach (var option in feedback.All.Concat(accountRate.All))
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => InterruptedRun.GuardAsync("bench", async () =>
        {
            switch (parse.GetValue(scenario))
            {
                case "variants":
                    break;
                case "account-rate":
                    return await RunAccountRateAsync(accountRate.ToOptions(parse, parse.GetValue(maxConnections), !parse.GetValue(jit), parse.GetValue(output)!), cancellationToken).ConfigureAwait(false);
                case "feedback":
                    return await RunFeedbackAsync(feedback.ToOptions(parse, !parse.GetValue(jit), parse.GetValue(output)!), cancellationToken).ConfigureAwait(false);
                case var other:
                    await Console.Error.WriteLineAsync($"bench: unknown scenario '{other}' (variants, feedback, account-rate)").ConfigureAwait(false);
                    return 2;
            }
            var chosen = parse.GetValue(variants) is { Length: > 0 } v ? v : [.. BenchVariant.All];
            if (chosen.FirstOrDefault(x => !BenchVariant.All.Contains(x)) is { } unknown)
            {
                await Console.Error.WriteLineAsync($"bench: unknown variant '{unknown}'").ConfigureAwait(false);
                return 2;
            }
            var options = new BenchOptions
            {
                Jobs = parse.GetValue(jobs),
                Concurrency = parse.GetValue(concurrency),
                MaxConnections = parse.GetValue(maxConnections),
                VariantTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Variants = chosen,
                ReportDirectory = parse.GetValue(output)!,
                NativeAot = !parse.GetValue(jit),
            };
            var report = await BenchRunner.RunAsync(options, new Progress<string>(Console.WriteLine), cancellationToken).ConfigureAwait(false);
            BenchReportWriter.Print(report);
            await BenchReportWriter.WriteAsync(report, options.ReportDirectory, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLineInterpolated($"bench written to [bold]{Path.GetFullPath(options.ReportDirectory)}[/]");
            var design = report.Results.FirstOrDefault(r => r.Variant == BenchVariant.Design);
            // The claim under test: the design stays within the limit with no connection errors.
            return design is null || (design.ConnectionErrors == 0 && design.PeakConnections <= report.ConnectionLimit && design.Duplicated == 0) ? 0 : 1;
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunFeedbackAsync(FeedbackBenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Validate() is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync("bench: " + string.Join("; ", problems)).ConfigureAwait(false);
            return 2;
        }
        var report = await FeedbackBenchRunner.RunAsync(options, new Progress<string>(Console.WriteLine), cancellationToken).ConfigureAwait(false);
        FeedbackBenchReportWriter.Print(report);
        await FeedbackBenchReportWriter.WriteAsync(report, options.ReportDirectory, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLineInterpolated($"bench written to [bold]{Path.GetFullPath(options.ReportDirectory)}[/]");
        // The claim under test: every event ingested exactly once, in one round trip per batch.
        return report.Results.All(r => r.ExactlyOnce && r.Matched == r.Events && r.MaxRoundTripsPerBatch == 1) ? 0 : 1;
    }

    private static async Task<int> RunAccountRateAsync(AccountRateOptions options, CancellationToken cancellationToken)
    {
        if (options.Validate() is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync("bench: " + string.Join("; ", problems)).ConfigureAwait(false);
            return 2;
        }
        var report = await AccountRateRunner.RunAsync(options, new Progress<string>(Console.WriteLine), cancellationToken).ConfigureAwait(false);
        AccountRateWriter.Print(report);
        await AccountRateWriter.WriteAsync(report, options.ReportDirectory, cancellationToken).ConfigureAwait(false);
        AnsiConsole.MarkupLineInterpolated($"bench written to [bold]{Path.GetFullPath(options.ReportDirectory)}[/]");
        // Nothing lost or sent twice, whatever the mode.
        return report.Results.All(r => r.InDlq == 0 && r.Duplicated == 0) ? 0 : 1;
    }
}
