namespace BulkMailer.Cli.Operations;

/// <summary>What a redrive did: messages moved (sent to the target and deleted from the DLQ), and ones the target refused (left in the DLQ).</summary>
internal sealed record RedriveCount(long Moved, long Refused);
