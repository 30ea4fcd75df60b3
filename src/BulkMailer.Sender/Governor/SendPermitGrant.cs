namespace BulkMailer.Sender.Governor;

/// <summary>
/// What one claim got from the send governor: <see cref="Granted"/> permits, whether the 24-hour quota (not the rate)
/// stopped the rest, and the slot line — permit i (1-based) of the claim may go <see cref="After"/>(i) from the grant.
/// </summary>
/// <param name="Debt">How far the bucket was booked beyond now when the claim came (GCRA: tat - now, at least 0).</param>
/// <param name="Interval">1 / effective rate; zero without a rate limit.</param>
public sealed record SendPermitGrant(int Granted, bool QuotaLimited, TimeSpan Debt, TimeSpan Interval, double Burst)
{
    /// <summary>From the grant until permit <paramref name="permit"/> may be used: max(0, debt + (i - burst) × interval).</summary>
    public TimeSpan After(int permit)
    {
        var ms = Debt.TotalMilliseconds + ((permit - Burst) * Interval.TotalMilliseconds);
        return ms <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(ms);
    }
}
