namespace BulkMailer.Data.Mail;

/// <summary>What one <c>IngestFeedback</c> round trip changed; a redelivered batch gives zeros.</summary>
public sealed record FeedbackIngestResult(int EventsInserted, int StatusesAdvanced, int SuppressionsAdded, int UnknownMessages);
