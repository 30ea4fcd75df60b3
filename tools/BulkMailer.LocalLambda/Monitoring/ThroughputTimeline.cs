namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// Rate of a growing count over the phase in which it grew: from the first observation above zero to the last
/// change. Waiting before the first send and after the last one does not dilute the rate.
/// </summary>
public sealed class ThroughputTimeline
{
    private long _last;
    private TimeSpan? _first;
    private TimeSpan _lastChange;

    /// <summary>Units per second; 0 until the count changed twice.</summary>
    public double Rate => _first is { } first && _lastChange > first && _last > 0 ? _last / (_lastChange - first).TotalSeconds : 0;

    /// <summary>The latest count.</summary>
    public long Count => _last;

    public void Observe(long count, TimeSpan at)
    {
        if (count > 0 && _first is null)
        {
            _first = at;
        }
        if (count != _last)
        {
            _last = count;
            _lastChange = at;
        }
    }
}
