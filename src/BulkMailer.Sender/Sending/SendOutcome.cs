namespace BulkMailer.Sender.Sending;

/// <summary>The result of sending one job.</summary>
/// <param name="Ambiguous">SES may have accepted the mail although no answer says so (timeout after the request went out).</param>
/// <param name="Throttled">SES refused for rate reasons (counted in the Throttled metric).</param>
public sealed record SendOutcome(string JobId, SendOutcomeKind Kind, string? SesMessageId = null, string? Error = null, bool Ambiguous = false, bool Throttled = false);
