namespace BulkMailer.Data.Operations;

/// <summary>One address of the suppression list (docs/contract.md, Database), lower-case.</summary>
public sealed record SuppressionListEntry(string Email, string Reason, string Source, DateTime CreatedAt);
