namespace BulkMailer.LocalServers.Ses;

/// <summary>
/// The account-level limits an <see cref="SesAccountFront"/> enforces as SES does for one account and region:
/// a maximum send rate, a 24-hour quota, the time SES takes to answer a send, and whether GetAccount is allowed.
/// </summary>
public sealed record SesAccountLimits
{
    /// <summary>Mails per second for the whole account (SES's SendQuota.MaxSendRate); 0: unlimited.</summary>
    public double MaxSendRate { get; init; }

    /// <summary>Mails per 24 hours (SendQuota.Max24HourSend); 0: unlimited (GetAccount then reports -1, as SES does).</summary>
    public long Max24HourSend { get; init; }

    /// <summary>How long a send call takes before it is answered (SES's own processing time).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>
    /// True: GET /v2/email/account answers with the quota. False: it answers 403 AccessDeniedException, as SES does
    /// for a role without ses:GetAccount.
    /// </summary>
    public bool AnswersGetAccount { get; init; } = true;

    /// <summary>Throws when a value is out of range; the front is started with valid limits only.</summary>
    public void Validate()
    {
        if (!(MaxSendRate >= 0) || !double.IsFinite(MaxSendRate))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSendRate), MaxSendRate, "the send rate must be 0 (unlimited) or more");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(Max24HourSend);
        ArgumentOutOfRangeException.ThrowIfLessThan(Latency, TimeSpan.Zero);
    }
}
