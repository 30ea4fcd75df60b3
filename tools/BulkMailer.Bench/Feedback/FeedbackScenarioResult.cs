namespace BulkMailer.Bench.Feedback;

/// <summary>One batch size of the feedback bench, measured one way (<see cref="Mode"/>).</summary>
public sealed record FeedbackScenarioResult
{
    /// <summary>"end to end": SNS-enveloped events on the feedback queue, the real function under the local Lambda service; "store only": the ingest statement on one connection.</summary>
    public required string Mode { get; init; }

    public required int BatchSize { get; init; }

    /// <summary>The event source mapping's batching window (end to end only).</summary>
    public double BatchingWindowSeconds { get; init; }

    public required long Events { get; init; }
    public required long Rows { get; init; }
    public required long Matched { get; init; }
    public required bool ExactlyOnce { get; init; }
    public required long Redelivered { get; init; }
    public required int Batches { get; init; }
    public required double MeanBatchEvents { get; init; }
    public required double RoundTripsPerBatch { get; init; }
    public required int MaxRoundTripsPerBatch { get; init; }

    /// <summary>Good events ÷ the whole duration, on one connection: events/s per connection.</summary>
    public required double GoodputPerSecond { get; init; }

    /// <summary>Events ÷ the time spent inside the batches (the function's or the store's own time).</summary>
    public required double EventsPerBusySecond { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>Most client connections the functions held at once (end to end only; the store uses one).</summary>
    public required int PeakConnections { get; init; }

    public required bool TimedOut { get; init; }

    public static FeedbackScenarioResult From(string mode, int batchSize, FeedbackIngestAccount account, int peakConnections, bool timedOut, double batchingWindowSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new FeedbackScenarioResult
        {
            Mode = mode,
            BatchSize = batchSize,
            BatchingWindowSeconds = batchingWindowSeconds,
            Events = account.Events,
            Rows = account.Rows,
            Matched = account.Matched,
            ExactlyOnce = account.ExactlyOnce,
            Redelivered = account.Redelivered,
            Batches = account.Batches.Count,
            MeanBatchEvents = account.MeanBatchEvents,
            RoundTripsPerBatch = account.RoundTripsPerBatch,
            MaxRoundTripsPerBatch = account.MaxRoundTripsPerBatch,
            GoodputPerSecond = account.GoodputPerSecond,
            EventsPerBusySecond = account.EventsPerBusySecond,
            DurationSeconds = account.Duration.TotalSeconds,
            PeakConnections = peakConnections,
            TimedOut = timedOut,
        };
    }
}
