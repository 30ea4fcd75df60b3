namespace BulkMailer.Sender.Ports;

/// <summary>
/// What a claim asks of the account's send governor (docs/operators.md, "Send governor"): permits for the jobs it
/// would send, at <see cref="Rate"/> with <see cref="Burst"/>, each slot within <see cref="MaxWait"/> from now.
/// </summary>
/// <param name="Key">The account and region the budget belongs to ("ses:&lt;region&gt;"): one row of send_governor.</param>
/// <param name="Rate">The account's mails per second; 0: no rate limit (the quota may still apply).</param>
/// <param name="Burst">Mails that may go at once on a full bucket.</param>
/// <param name="MaxWait">The latest slot this invocation can still use (time left less the deadline margin).</param>
/// <param name="Quota">A GetAccount reading not yet passed on; null: none new.</param>
public sealed record SendPermitRequest(string Key, double Rate, double Burst, TimeSpan MaxWait, QuotaReading? Quota = null);
