namespace BulkMailer.Bench.Feedback;

/// <summary>One feedback ingest bench: the settings and every batch size measured end to end and store only.</summary>
public sealed record FeedbackBenchReport
{
    public required FeedbackBenchOptionsSummary Options { get; init; }

    public required IReadOnlyList<FeedbackScenarioResult> Results { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required int ProcessorCount { get; init; }

    /// <summary>The goal the bench is held against: events per second per connection at batch 1 000.</summary>
    public int GoalEventsPerSecond { get; init; } = 20_000;
}
