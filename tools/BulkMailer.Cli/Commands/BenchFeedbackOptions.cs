using System.CommandLine;
using BulkMailer.Bench.Feedback;

namespace BulkMailer.Cli.Commands;

/// <summary>The options of <c>bench --scenario feedback</c>; <see cref="ToOptions"/> maps a parse of them onto <see cref="FeedbackBenchOptions"/>.</summary>
public sealed class BenchFeedbackOptions
{
    private static readonly FeedbackBenchOptions Defaults = new();

    public Option<int> Events { get; } = new("--events") { Description = "feedback scenario: SES events per batch size", DefaultValueFactory = _ => Defaults.Events };

    public Option<int[]> BatchSizes { get; } = new("--batch-sizes") { Description = "feedback scenario: batch sizes, one run per mode each", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [.. Defaults.BatchSizes] };

    public Option<bool> StoreOnly { get; } = new("--store-only") { Description = "feedback scenario: measure only the ingest statement on one connection (no queue, no function publish)" };

    public IEnumerable<Option> All => [Events, BatchSizes, StoreOnly];

    public FeedbackBenchOptions ToOptions(ParseResult parse, bool nativeAot, string reportDirectory)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new()
        {
            Events = parse.GetValue(Events),
            BatchSizes = parse.GetValue(BatchSizes) ?? [],
            StoreOnly = parse.GetValue(StoreOnly),
            NativeAot = nativeAot,
            ReportDirectory = reportDirectory,
        };
    }
}
