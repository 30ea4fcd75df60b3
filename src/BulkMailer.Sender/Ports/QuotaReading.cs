namespace BulkMailer.Sender.Ports;

/// <summary>
/// One reading of the account's 24-hour quota from SES's GetAccount: what was left then (Max24HourSend -
/// SentLast24Hours; -1: unlimited) and how long ago it was read, measured on this environment's clock — a duration,
/// so the database turns it into a moment on its own clock and no two clocks are compared.
/// </summary>
public sealed record QuotaReading(long Remaining, TimeSpan Age);
