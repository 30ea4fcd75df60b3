namespace BulkMailer.Migrator.Ports;

/// <summary>The versions one migration run applied (empty when the schema was up to date) and the version after it.</summary>
public sealed record MigrationOutcome(IReadOnlyList<int> Applied, int SchemaVersion);
