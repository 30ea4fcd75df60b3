namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// Mails per second from the times an SES front accepted each mail (<c>SesAccountFront.AcceptedAt</c>): the mails
/// ÷ the span from the first acceptance to the last, so waiting before the first send and after the last does not
/// dilute it (as <see cref="ThroughputTimeline"/> does for the database's count).
/// </summary>
public static class AcceptedMailRate
{
    /// <summary>Mails per second over the sending span; 0 with fewer than two distinct times.</summary>
    public static double Of(IReadOnlyList<DateTimeOffset> acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(acceptedAt);
        if (acceptedAt.Count < 2)
        {
            return 0;
        }
        var span = acceptedAt.Max() - acceptedAt.Min();
        return span > TimeSpan.Zero ? acceptedAt.Count / span.TotalSeconds : 0;
    }
}
