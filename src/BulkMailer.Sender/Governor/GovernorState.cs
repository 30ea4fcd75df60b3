namespace BulkMailer.Sender.Governor;

/// <summary>
/// One send_governor row (migration V012) as <see cref="GovernorArithmetic"/> models it: the GCRA theoretical
/// arrival time, the AIMD factor and when it was set, and the last quota reading with the permits granted since.
/// </summary>
public sealed record GovernorState(
    DateTimeOffset Tat,
    double Factor,
    DateTimeOffset FactorChangedAt,
    long? QuotaRemaining = null,
    DateTimeOffset? QuotaReadAt = null,
    long GrantedSinceRead = 0)
{
    /// <summary>A fresh row: a full bucket, the whole rate, no quota reading.</summary>
    public static GovernorState New(DateTimeOffset now) => new(now, 1, now);
}
