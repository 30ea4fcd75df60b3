namespace BulkMailer.Core.Jobs;

/// <summary>
/// The statuses of a <c>mail_message</c> row (CONTRACT §4) and the order in which feedback may move them.
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

    /// <summary>Every status, in rank order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Sending, Sent, Delivered, Failed, Bounced, Complained, Rejected, Suppressed];

    /// <summary>Every status but <see cref="Sending"/> is final.</summary>
    public static bool IsFinal(string status) => status != Sending;

    /// <summary>
    /// The forward order: a status only ever moves to one of a higher rank. Mirrors the SQL function
    /// <c>mail_status_rank</c> in the migrations (a test keeps the two equal).
    /// <c>delivered</c> and <c>failed</c> share a rank: neither overwrites the other.
    /// A complaint outranks a bounce and a delivery (it can only follow a delivery);
    /// <c>rejected</c> and <c>suppressed</c> are decided before any send and never move.
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
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown mail status"),
    };
}
