namespace BulkMailer.Sender.Leases;

/// <summary>
/// The job lease, written once here; the claim-batch and record-results statements in
/// src/BulkMailer.Data/Queries/mail_message.sql enforce the parts that live in the database and point here.
/// <para>
/// A lease (<c>lease_owner</c> = the invocation's request id, <c>lease_until</c>, <c>lease_message</c> = the SQS message
/// that claimed it) is what keeps a job from being sent twice while one delivery may still be sending it. SQS delivers
/// at least once and a visibility timeout can run out mid-send, so two deliveries of a job can run at the same time.
/// </para>
/// <list type="bullet">
/// <item><b>Length</b> (<see cref="Length"/>): the invocation's remaining time plus the configured extra. The
/// invocation cannot send after its deadline, and the extra covers the record round trip and clock drift between
/// Lambda and the database, so no other delivery can claim the job while this one may still send it.</item>
/// <item><b>Who may reclaim</b> (claim-batch): a new job is claimed by inserting it; a 'sending' row only when its lease
/// was released or expired (its sender died without SES accepting — a Send event would have settled it), or when this
/// same invocation holds it (a retry after a lost reply). Final rows are never reclaimed. A live lease held by a
/// different SQS message makes this record a duplicate that can be acknowledged (the holder stays queued until the job
/// is final); the same message delivered twice is in flight and goes back to the queue.</item>
/// <item><b>Release on hand-back</b> (<see cref="ReleaseOnHandBack"/>): a claimed job that goes back to the queue
/// unsent releases its lease when SES certainly did not accept the mail (an error answer, throttling, a send never
/// started), so the redelivery sends at once. When it is ambiguous (a timeout after the request went out) the lease is
/// kept until it expires, giving SES's Send event the time to settle the job before anyone sends it again.</item>
/// <item><b>Clearing</b> (record-results): owner and expiry are cleared when the row leaves 'sending' or the result
/// asks for the release; they are kept only while row and result both stay 'sending' without release.
/// <c>lease_message</c> stays until the next claim overwrites it; without a live lease it decides nothing.</item>
/// </list>
/// </summary>
public static class LeaseRules
{
    /// <summary>How long a claim holds its jobs.</summary>
    public static TimeSpan Length(TimeSpan remainingTime, TimeSpan extra) => remainingTime + extra;

    /// <summary>Whether a claimed job handed back unsent releases its lease: yes unless SES may have accepted it.</summary>
    public static bool ReleaseOnHandBack(bool ambiguous) => !ambiguous;
}
