namespace BulkMailer.UnitTests.Fakes;

/// <summary>A TimeProvider that stands still until moved, for deadlines and signing dates.</summary>
public sealed class FixedClock : TimeProvider
{
    private DateTimeOffset _now;

    public FixedClock(DateTimeOffset now) => _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
