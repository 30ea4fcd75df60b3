namespace BulkMailer.Maintenance;

/// <summary>The invocation's answer: what the run did (the same numbers as its summary log line and its metrics).</summary>
public sealed class MaintenanceReport
{
    public long EventsDeleted { get; init; }

    public int DeleteStatements { get; init; }

    /// <summary>False when the run stopped for its deadline with old events left; the next run goes on.</summary>
    public bool PruneComplete { get; init; }

    public long ExpiredSendingLeases { get; init; }

    /// <summary>Seconds since the oldest expired lease ran out; null when none expired.</summary>
    public double? OldestExpiredLeaseAgeSeconds { get; init; }

    public int Campaigns { get; init; }
}
