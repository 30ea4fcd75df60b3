namespace BulkMailer.LocalServers.Ses;

/// <summary>
/// SES's maximum send rate as a stand-in enforces it: a bucket of one second's worth of mails, refilled continuously
/// at the rate; a call for n mails passes when n are left. A call larger than the bucket (a SendBulkEmail of 50 mails
/// at 14 mails/s) passes when the bucket is full and leaves it in debt, so over time the account still sends at the
/// rate and never faster than rate × seconds + one bucket.
/// </summary>
public sealed class SesSendRateAllowance
{
    private readonly TimeProvider _time;
    private readonly double _rate;
    private readonly double _capacity;
    private readonly Lock _gate = new();
    private double _tokens;
    private DateTimeOffset _refilledAt;

    /// <param name="mailsPerSecond">The account's rate; must be above 0.</param>
    public SesSendRateAllowance(double mailsPerSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mailsPerSecond);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _rate = mailsPerSecond;
        _capacity = Math.Max(1, mailsPerSecond);
        _tokens = _capacity;
        _refilledAt = time.GetUtcNow();
    }

    /// <summary>True when <paramref name="mails"/> may be sent now (and they are counted); false: SES throttles the call.</summary>
    public bool TryTake(int mails)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mails);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _tokens = Math.Min(_capacity, _tokens + Math.Max(0, (now - _refilledAt).TotalSeconds) * _rate);
            _refilledAt = now;
            if (_tokens >= mails || _tokens >= _capacity)
            {
                _tokens -= mails;
                return true;
            }
            return false;
        }
    }
}
