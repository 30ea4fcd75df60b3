using BulkMailer.Maintenance.Ports;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>
/// Answers the maintenance handler from a scripted backlog of old events and a fixed snapshot, records every call in
/// order, and moves <see cref="Clock"/> on by <see cref="DeleteTakes"/> per delete statement, as a slow table would.
/// </summary>
public sealed class RecordingMaintenanceStore(long oldEvents, MaintenanceSnapshot snapshot, FixedClock? clock = null) : IMaintenanceStore
{
    public List<string> Calls { get; } = [];

    public List<DateTime> DeleteCutoffs { get; } = [];

    public long OldEventsLeft { get; private set; } = oldEvents;

    public FixedClock? Clock { get; } = clock;

    public TimeSpan DeleteTakes { get; init; } = TimeSpan.FromSeconds(10);

    public Task<int> DeleteEventsBeforeAsync(DateTime before, int limit, CancellationToken cancellationToken)
    {
        Calls.Add($"delete {limit}");
        DeleteCutoffs.Add(before);
        Clock?.Advance(DeleteTakes);
        var deleted = (int)Math.Min(limit, OldEventsLeft);
        OldEventsLeft -= deleted;
        return Task.FromResult(deleted);
    }

    public Task<MaintenanceSnapshot> ReadSnapshotAsync(TimeSpan activeWithin, int maxCampaigns, CancellationToken cancellationToken)
    {
        Calls.Add($"snapshot {activeWithin.TotalHours}h {maxCampaigns}");
        return Task.FromResult(snapshot);
    }
}
