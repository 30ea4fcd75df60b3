namespace BulkMailer.Data.Operations;

/// <summary>One campaign as <c>bulkmailer status</c> shows it (see <see cref="CampaignStatusReader"/>).</summary>
/// <param name="CampaignId">Null for jobs recorded without a campaign id.</param>
/// <param name="State">The operator's state (<see cref="CampaignState"/>); active unless paused or cancelled.</param>
/// <param name="ByStatus">Jobs per status; only statuses with jobs.</param>
/// <param name="Accepted">Jobs SES accepted (they have an SES message id).</param>
/// <param name="AcceptedInWindow">Of those, the ones first claimed within <paramref name="Window"/>.</param>
/// <param name="InFlight">Jobs in <c>sending</c> whose lease still runs: a sender has them now.</param>
/// <param name="ExpiredLeases">Jobs in <c>sending</c> whose lease ran out: their environment died, or their message
/// is waiting in the queue or the DLQ (docs/operators.md, "The dead-letter queue").</param>
/// <param name="OldestExpiredLease">When the oldest of those leases ran out.</param>
public sealed record CampaignStatus(
    string? CampaignId,
    string State,
    long Total,
    IReadOnlyDictionary<string, long> ByStatus,
    long Accepted,
    long AcceptedInWindow,
    TimeSpan Window,
    long Bounced,
    long Complained,
    long InFlight,
    long ExpiredLeases,
    DateTime? OldestExpiredLease,
    string? OldestExpiredJobId)
{
    /// <summary>Mails SES accepted per second over the window.</summary>
    public double SendRatePerSecond => Window <= TimeSpan.Zero ? 0 : AcceptedInWindow / Window.TotalSeconds;

    /// <summary>Bounces per mail SES accepted (0 before any was).</summary>
    public double BounceRate => Accepted == 0 ? 0 : (double)Bounced / Accepted;

    /// <summary>Complaints per mail SES accepted (0 before any was).</summary>
    public double ComplaintRate => Accepted == 0 ? 0 : (double)Complained / Accepted;

    /// <summary>At or above SES's review threshold for bounces.</summary>
    public bool BounceRateAtThreshold => Accepted > 0 && BounceRate >= SesReviewThresholds.BounceRate;

    /// <summary>At or above SES's review threshold for complaints.</summary>
    public bool ComplaintRateAtThreshold => Accepted > 0 && ComplaintRate >= SesReviewThresholds.ComplaintRate;
}
