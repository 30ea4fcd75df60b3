namespace BulkMailer.Sender.Policy;

/// <summary>
/// How long a job handed back for an account-level stop stays out of sight: <see cref="First"/> after its first
/// receive, doubling with every further receive (SQS's <c>ApproximateReceiveCount</c>), never more than
/// <see cref="Longest"/>. The numbers, and why, are written here and nowhere else:
/// <list type="bullet">
/// <item><b>First = 180 s</b>, the deployed visibility timeout (6 × the sender's 30 s timeout). A plain hand-back
/// reappears after what is left of the visibility timeout; a shorter back-off would bring the message back sooner
/// than not backing off at all.</item>
/// <item><b>Doubling</b>: a stop that outlives one wait (a daily quota, a paused account) is likely to outlive the
/// next, so each receive waits as long as all before it together. With maxReceiveCount 5 the waits are
/// 3 + 6 + 12 + 24 + 48 min: a campaign reaches the DLQ after about an hour and a half instead of five visibility
/// timeouts (15 min), and the DLQ alarm still fires the same day for a stop nobody fixes.</item>
/// <item><b>Longest = 2 h</b>: a larger maxReceiveCount must not park a message for the SQS maximum (12 h) after the
/// stop has long cleared; two hours is the longest a campaign should sit idle once its operator fixed the account.</item>
/// </list>
/// Both are function settings (<see cref="SenderOptions.HandBackSchedule"/>), so the fault tests scale them down with
/// the visibility timeout, and a deployment with a longer function timeout raises <see cref="First"/> with it.
/// </summary>
public sealed record HandBackSchedule(TimeSpan First, TimeSpan Longest)
{
    /// <summary>SQS refuses a visibility timeout that ends more than 12 hours after the receive; the invocation has
    /// already used some of that, so a few minutes are left aside.</summary>
    public static readonly TimeSpan SqsMaximum = TimeSpan.FromHours(12) - TimeSpan.FromMinutes(5);

    /// <summary>The deployed schedule: 180 s, doubling, at most 2 h.</summary>
    public static HandBackSchedule Default { get; } = new(TimeSpan.FromSeconds(180), TimeSpan.FromHours(2));

    /// <summary>The wait after the <paramref name="receiveCount"/>-th receive (0, an absent attribute, counts as the first).</summary>
    public TimeSpan DelayAfter(int receiveCount)
    {
        var doublings = Math.Clamp(receiveCount - 1, 0, 30);
        var delay = First.TotalSeconds * Math.Pow(2, doublings);
        var capped = Math.Min(Math.Min(delay, Longest.TotalSeconds), SqsMaximum.TotalSeconds);
        return TimeSpan.FromSeconds(Math.Ceiling(capped));
    }
}
