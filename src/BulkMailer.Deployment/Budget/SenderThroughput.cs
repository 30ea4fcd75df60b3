namespace BulkMailer.Deployment.Budget;

/// <summary>
/// How fast one sender environment sends, modelled on what the sender does with a batch (src/BulkMailer.Sender:
/// SenderHandler, SendPlanner, MailDispatcher): one claim round trip, then the batch's SES calls — templated jobs
/// grouped up to 50 per SendBulkEmail, every other job one SendEmail — with at most <c>SendParallelism</c> calls in
/// flight, each taking the SES latency, so the calls go out in ceil(calls / parallelism) waves; then one record round
/// trip. The next batch starts after the record. Pure arithmetic; <see cref="Of"/> computes it.
/// </summary>
/// <param name="Input">The knobs.</param>
/// <param name="BulkJobsPerBatch">Jobs of a batch sent through SendBulkEmail: round(batch × bulk share).</param>
/// <param name="SesCallsPerBatch">SendEmail calls (one per other job) + SendBulkEmail calls (ceil(bulk jobs / 50)).</param>
/// <param name="WavesPerBatch">ceil(SES calls / send parallelism): rounds of SES latency one batch waits.</param>
/// <param name="BatchMs">2 round trips + waves × SES latency: one invocation's time.</param>
/// <param name="PerEnvironmentRate">Mails per second one environment sends: batch size × 1000 / batch ms.</param>
public sealed record SenderThroughput(
    SenderThroughputInput Input,
    int BulkJobsPerBatch,
    int SesCallsPerBatch,
    int WavesPerBatch,
    double BatchMs,
    double PerEnvironmentRate)
{
    /// <summary>Models one environment with <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">The input cannot be modelled (<see cref="SenderThroughputInput.Problems"/>).</exception>
    public static SenderThroughput Of(SenderThroughputInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(input));
        }

        int bulkJobs = (int)Math.Round(input.BatchSize * input.BulkShare, MidpointRounding.AwayFromZero);
        int bulkCalls = (bulkJobs + SenderThroughputInput.BulkEntriesPerCall - 1) / SenderThroughputInput.BulkEntriesPerCall;
        int calls = input.BatchSize - bulkJobs + bulkCalls;
        int waves = (calls + input.SendParallelism - 1) / input.SendParallelism;
        double batchMs = SenderThroughputInput.RoundTripsPerBatch * input.DatabaseRoundTripMs + waves * input.SesLatencyMs;
        return new SenderThroughput(input, bulkJobs, calls, waves, batchMs, input.BatchSize * 1000.0 / batchMs);
    }

    /// <summary>
    /// One environment's rate when templated jobs arrive in batches of their own (a campaign enqueued in order, as
    /// <c>local run</c>'s sample campaign): a share <paramref name="templatedShare"/> of the mails goes at the all-bulk
    /// rate, the rest at the all-SendEmail rate, so the time per mail is the share-weighted mean of the two.
    /// </summary>
    public static double RateOfSeparateBatches(SenderThroughputInput input, double templatedShare)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(templatedShare, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(templatedShare, 1);
        double bulk = Of(input with { BulkShare = 1 }).PerEnvironmentRate;
        double single = Of(input with { BulkShare = 0 }).PerEnvironmentRate;
        return 1 / (templatedShare / bulk + (1 - templatedShare) / single);
    }

    /// <summary>
    /// The batch size from 1 to <paramref name="largest"/> (10: the largest without a batching window) that sends
    /// fastest with the other knobs unchanged; the smallest of equals. A batch that leaves a wave half full wastes a
    /// whole SES latency (10 SendEmail jobs at parallelism 8 take two waves, 8 take one).
    /// </summary>
    public static int FastestBatchSize(SenderThroughputInput input, int largest = SenderThroughputInput.DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        int best = 1;
        double bestRate = 0;
        for (int size = 1; size <= largest; size++)
        {
            double rate = Of(input with { BatchSize = size }).PerEnvironmentRate;
            if (rate > bestRate + 1e-9)
            {
                (best, bestRate) = (size, rate);
            }
        }

        return best;
    }
}
