namespace BulkMailer.Bench.Feedback;

/// <summary>
/// What one feedback run ingested and the rates that follow (README.md "Performance"). Goodput counts only events
/// ingested exactly once and matched to their job: a lost, duplicated or unmatched event is not work done.
/// </summary>
public sealed record FeedbackIngestAccount
{
    /// <summary>Distinct SES events queued (or handed to the store).</summary>
    public required long Events { get; init; }

    /// <summary><c>mail_event</c> rows at the end.</summary>
    public required long Rows { get; init; }

    /// <summary>Distinct event identities among the rows.</summary>
    public required long DistinctKeys { get; init; }

    /// <summary>Rows recorded against their job without an error.</summary>
    public required long Matched { get; init; }

    /// <summary>From the start until the last event was ingested (or the run gave up).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Every batch the function (or the store) ingested.</summary>
    public required IReadOnlyList<FeedbackBatchSample> Batches { get; init; }

    /// <summary>Every event is one row, no row is a copy, none is missing or extra.</summary>
    public bool ExactlyOnce => Rows == Events && DistinctKeys == Events;

    /// <summary>Events ingested once and matched to their job (a missing one is not counted; rows beyond the events cannot be).</summary>
    public long Good => Math.Clamp(Math.Min(Matched, DistinctKeys), 0, Events);

    /// <summary>Good events per second of the whole run: the headline.</summary>
    public double GoodputPerSecond => Duration > TimeSpan.Zero ? Good / Duration.TotalSeconds : 0;

    /// <summary>Events per second of the time spent inside the batches (the function's or the store's own time).</summary>
    public double EventsPerBusySecond
    {
        get
        {
            var busy = Batches.Sum(b => b.DurationMs);
            return busy > 0 ? Batches.Sum(b => (double)b.Events) / (busy / 1000) : 0;
        }
    }

    /// <summary>Mean database round trips per batch (1 by design).</summary>
    public double RoundTripsPerBatch => Batches.Count > 0 ? Batches.Average(b => (double)b.RoundTrips) : 0;

    /// <summary>The most round trips any one batch took.</summary>
    public int MaxRoundTripsPerBatch => Batches.Count > 0 ? Batches.Max(b => b.RoundTrips) : 0;

    /// <summary>Mean events per batch (how full the batches were).</summary>
    public double MeanBatchEvents => Batches.Count > 0 ? Batches.Average(b => (double)b.Events) : 0;

    /// <summary>Events a batch carried that were already stored (a redelivered batch); 0 when nothing came twice.</summary>
    public long Redelivered => Batches.Sum(b => (long)(b.Events - b.Inserted));
}
