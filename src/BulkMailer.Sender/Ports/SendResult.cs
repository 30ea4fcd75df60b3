namespace BulkMailer.Sender.Ports;

/// <summary>
/// The result of one send, to record. <see cref="Status"/> is <c>sent</c>, <c>failed</c> (permanent), or
/// <c>sending</c> for a transient failure that goes back to the queue.
/// </summary>
/// <param name="ReleaseLease">
/// For a transient failure: true when SES certainly did not accept the mail (throttled, refused with a 4xx), so the
/// redelivery may claim it at once; false when it is ambiguous (a 5xx, a timeout), so the lease runs out first and a
/// Send event can settle the job if SES did accept it.
/// </param>
public sealed record SendResult(string JobId, string Status, string? SesMessageId, string? Error, bool ReleaseLease = false);
