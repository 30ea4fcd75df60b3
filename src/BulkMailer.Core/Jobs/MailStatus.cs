namespace BulkMailer.Core.Jobs;

/// <summary>
/// The statuses of a <c>mail_message</c> row (docs/contract.md) and the order in which feedback may move them.
/// </summary>
public static class MailStatus
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Bounced = "bounced";
    public const string Complained = "complained";
    public const string Rejected = "rejected";
    public const string Suppressed = "suppressed";
    public const string Failed = "failed";

    /// <summary>The job's campaign was cancelled before SES accepted it: recorded at the claim, never sent.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Every status, in rank order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Sending, Sent, Delivered, Failed, Bounced, Complained, Rejected, Suppressed, Cancelled];

    /// <summary>
    /// The final statuses: the sender is done with the job and never sends it again, so a redelivered message is
    /// acknowledged. Every status but <see cref="Sending"/>. The one definition: the progress SQL counts with this list.
    /// </summary>
    public static IReadOnlyList<string> Final { get; } = [.. All.Where(s => s != Sending)];

    /// <summary>
    /// The settled statuses: final and no longer waiting for SES — every final status but <see cref="Sent"/>, which
    /// still waits for its Delivery or Bounce. A campaign run with feedback is over when every job is settled.
    /// </summary>
    public static IReadOnlyList<string> Settled { get; } = [.. Final.Where(s => s != Sent)];

    /// <summary>True for a status in <see cref="Final"/>.</summary>
    public static bool IsFinal(string status) => Final.Contains(status, StringComparer.Ordinal);

    /// <summary>True for a status in <see cref="Settled"/>.</summary>
    public static bool IsSettled(string status) => Settled.Contains(status, StringComparer.Ordinal);

    /// <summary>
    /// The forward order: a status only ever moves to one of a higher rank. Mirrors the SQL function
    /// <c>mail_status_rank</c> in the migrations (a test keeps the two equal).
    /// <c>delivered</c> and <c>failed</c> share a rank: neither overwrites the other.
    /// A complaint outranks a bounce and a delivery (it can only follow a delivery);
    /// <c>rejected</c>, <c>suppressed</c> and <c>cancelled</c> are decided before any send and never move (a late Send
    /// event for a cancelled job does not revive it).
    /// </summary>
    public static int Rank(string status) => status switch
    {
        Sending => 0,
        Sent => 1,
        Delivered => 2,
        Failed => 2,
        Bounced => 3,
        Complained => 4,
        Rejected => 9,
        Suppressed => 9,
        Cancelled => 9,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown mail status"),
    };
}
