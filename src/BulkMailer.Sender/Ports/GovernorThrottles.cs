namespace BulkMailer.Sender.Ports;

/// <summary>
/// SES rate throttles a batch still met, reported with its record so the account's send governor slows down
/// (see <c>GovernorArithmetic.AfterThrottle</c>) without a round trip of its own.
/// </summary>
/// <param name="Key">The governor row (<see cref="SendPermitRequest.Key"/>).</param>
/// <param name="Count">Send calls or entries SES refused for the rate (not for the 24-hour quota).</param>
public sealed record GovernorThrottles(string Key, int Count);
