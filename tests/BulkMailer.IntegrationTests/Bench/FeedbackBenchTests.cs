using BulkMailer.Bench.Feedback;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Bench;

/// <summary>
/// `bench --scenario feedback` at a small size on the shared stack: the real feedback process (JIT build) under the
/// local Lambda service, and the ingest statement alone. Counts only; speed is the bench's business.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class FeedbackBenchTests(LocalServersFixture stack)
{
    [Fact]
    public async Task The_feedback_scenario_ingests_every_event_exactly_once_in_one_round_trip_per_batch()
    {
        var options = new FeedbackBenchOptions
        {
            Events = 200,
            BatchSizes = [10, 100],
            Stack = stack.Stack,
            FeedbackExecutable = FunctionProcess.BuiltBootstrap("BulkMailer.Feedback.Bootstrap"),
            Timeout = TimeSpan.FromMinutes(2),
        };

        var report = await FeedbackBenchRunner.RunAsync(options);

        Assert.Equal(
            [(FeedbackEndToEnd.Mode, 10), (FeedbackStoreOnly.Mode, 10), (FeedbackEndToEnd.Mode, 100), (FeedbackStoreOnly.Mode, 100)],
            report.Results.Select(r => (r.Mode, r.BatchSize)));
        Assert.All(report.Results, r =>
        {
            Assert.False(r.TimedOut);
            Assert.Equal(200, r.Events);
            Assert.Equal(200, r.Rows);
            Assert.Equal(200, r.Matched);
            Assert.True(r.ExactlyOnce);
            Assert.Equal(0, r.Redelivered);
            Assert.Equal(1, r.RoundTripsPerBatch);
            Assert.Equal(1, r.MaxRoundTripsPerBatch);
            Assert.InRange(r.PeakConnections, 1, 1);
        });
        // Store only: exactly the batches asked for. End to end a batch holds what the queue gave at once, never more.
        Assert.Equal([20, 2], report.Results.Where(r => r.Mode == FeedbackStoreOnly.Mode).Select(r => r.Batches));
        Assert.All(report.Results.Where(r => r.Mode == FeedbackEndToEnd.Mode), r => Assert.InRange(r.MeanBatchEvents, 1, r.BatchSize));
    }
}
