namespace BulkMailer.TestSupport.Ses;

/// <summary>A mail the SES emulator accepted, as seen by <see cref="SesFaultProxy"/>.</summary>
/// <param name="JobId">The decoded <c>bulkmailer-job</c> tag; null when the mail carried none.</param>
public sealed record SesAcceptedMail(string? JobId, string Recipient, string MessageId, DateTimeOffset AcceptedAt);
