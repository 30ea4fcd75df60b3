using System.CommandLine;
using BulkMailer.Bench.Feedback;
using BulkMailer.Cli.Commands;

namespace BulkMailer.UnitTests.Bench;

/// <summary>The options of <c>bench --scenario feedback</c> as the command line maps them onto <see cref="FeedbackBenchOptions"/>.</summary>
public sealed class BenchFeedbackOptionsTests
{
    private static FeedbackBenchOptions Parse(params string[] args)
    {
        var feedback = new BenchFeedbackOptions();
        var command = new Command("bench");
        foreach (var option in feedback.All)
        {
            command.Options.Add(option);
        }
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return feedback.ToOptions(parse, nativeAot: false, "out");
    }

    [Fact]
    public void Store_only_with_a_smaller_count_and_one_batch_size_is_what_the_options_say()
    {
        var options = Parse("--store-only", "--events", "2000", "--batch-sizes", "1000");

        Assert.True(options.StoreOnly);
        Assert.Equal(2000, options.Events);
        Assert.Equal([1000], options.BatchSizes);
        Assert.False(options.NativeAot);
        Assert.Equal("out", options.ReportDirectory);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Without_options_both_modes_run_at_the_documented_defaults()
    {
        var options = Parse();

        Assert.False(options.StoreOnly);
        Assert.Equal(new FeedbackBenchOptions().Events, options.Events);
        Assert.Equal([10, 100, 1_000], options.BatchSizes);
    }

    [Fact]
    public void Several_batch_sizes_may_follow_one_option()
    {
        Assert.Equal([10, 1000], Parse("--batch-sizes", "10", "1000").BatchSizes);
    }

    [Fact]
    public void A_batch_size_above_the_sqs_maximum_is_refused_by_validation()
    {
        Assert.Contains(Parse("--batch-sizes", "20000").Validate(), p => p.Contains("batch sizes", StringComparison.Ordinal));
    }
}
