namespace BulkMailer.Client.Enqueueing;

/// <summary>A validated, serialized job waiting in a batch. Holds the body, not the job, to keep the window small.</summary>
internal sealed record PendingEntry(long Sequence, string JobId, string Body, int BodyBytes, string? MessageGroupId, string? DeduplicationId);
