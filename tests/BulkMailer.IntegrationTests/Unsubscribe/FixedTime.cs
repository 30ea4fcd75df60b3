namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>A clock that stays at one instant: links signed "in the past" to test expiry without waiting.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
