using BulkMailer.Bench.Feedback;

namespace BulkMailer.UnitTests.Bench;

public sealed class FeedbackIngestAccountTests
{
    // Recorded from a feedback function's log (batch size 10, JIT): the EMF line of one batch.
    private const string RecordedEmfLine =
        """{"_aws":{"Timestamp":1796374800123,"CloudWatchMetrics":[{"Namespace":"BulkMailer","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Events","Unit":"Count"},{"Name":"EventsInserted","Unit":"Count"},{"Name":"DbRoundTrips","Unit":"Count"},{"Name":"BatchDuration","Unit":"Milliseconds"}]}]},"FunctionName":"bench-feedback","Events":10,"EventsInserted":10,"DbRoundTrips":1,"BatchDuration":4.25}""";

    private static FeedbackIngestAccount Account(long rows, long distinct, long matched, params FeedbackBatchSample[] batches) => new()
    {
        Events = 200,
        Rows = rows,
        DistinctKeys = distinct,
        Matched = matched,
        Duration = TimeSpan.FromSeconds(4),
        Batches = batches,
    };

    [Fact]
    public void A_batch_sample_is_read_from_the_functions_emf_line()
    {
        Assert.Equal(new FeedbackBatchSample(10, 10, 1, 4.25), FeedbackBatchSample.FromEmfLine(RecordedEmfLine));
    }

    [Theory]
    [InlineData("""{"level":"warn","message":"feedback body is not usable"}""")]
    [InlineData("""{"DbRoundTrips":1,"Events":3}""")]
    [InlineData("not json but mentions \"DbRoundTrips\"")]
    [InlineData("")]
    public void A_line_that_is_not_a_batch_metric_gives_no_sample(string line)
    {
        Assert.Null(FeedbackBatchSample.FromEmfLine(line));
    }

    [Fact]
    public void Every_event_ingested_once_and_matched_counts_whole_as_goodput()
    {
        var account = Account(200, 200, 200, [.. Enumerable.Repeat(new FeedbackBatchSample(100, 100, 1, 50), 2)]);

        Assert.True(account.ExactlyOnce);
        Assert.Equal(200, account.Good);
        Assert.Equal(50, account.GoodputPerSecond);
        Assert.Equal(2000, account.EventsPerBusySecond);
        Assert.Equal(1, account.RoundTripsPerBatch);
        Assert.Equal(1, account.MaxRoundTripsPerBatch);
        Assert.Equal(100, account.MeanBatchEvents);
        Assert.Equal(0, account.Redelivered);
    }

    [Fact]
    public void Missing_events_are_not_exactly_once_and_not_goodput()
    {
        var account = Account(150, 150, 150, new FeedbackBatchSample(150, 150, 1, 10));

        Assert.False(account.ExactlyOnce);
        Assert.Equal(150, account.Good);
        Assert.Equal(37.5, account.GoodputPerSecond);
    }

    [Fact]
    public void Unmatched_events_are_stored_but_not_counted_as_goodput()
    {
        var account = Account(200, 200, 190, new FeedbackBatchSample(200, 200, 1, 10));

        Assert.True(account.ExactlyOnce);
        Assert.Equal(190, account.Good);
    }

    [Fact]
    public void A_redelivered_batch_shows_as_redelivered_events_and_its_extra_round_trip_in_the_maximum()
    {
        var account = Account(200, 200, 200, new FeedbackBatchSample(100, 100, 1, 10), new FeedbackBatchSample(100, 100, 1, 10), new FeedbackBatchSample(100, 0, 2, 10));

        Assert.True(account.ExactlyOnce);
        Assert.Equal(100, account.Redelivered);
        Assert.Equal(2, account.MaxRoundTripsPerBatch);
        Assert.Equal(4.0 / 3, account.RoundTripsPerBatch, 6);
    }

    [Fact]
    public void No_batches_and_no_time_give_zero_rates_not_a_division_by_zero()
    {
        var account = Account(0, 0, 0) with { Duration = TimeSpan.Zero };

        Assert.Equal(0, account.GoodputPerSecond);
        Assert.Equal(0, account.EventsPerBusySecond);
        Assert.Equal(0, account.RoundTripsPerBatch);
        Assert.Equal(0, account.MaxRoundTripsPerBatch);
    }
}
