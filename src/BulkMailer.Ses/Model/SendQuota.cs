namespace BulkMailer.Ses.Model;

/// <summary>
/// The account's sending limits in SES v2 <c>GetAccount</c>: the maximum send rate (mails per second, one for the whole
/// account and region) and the 24-hour quota with what was sent in the last 24 hours (-1: unlimited).
/// </summary>
public sealed class SendQuota
{
    public double Max24HourSend { get; set; }

    public double MaxSendRate { get; set; }

    public double SentLast24Hours { get; set; }
}
