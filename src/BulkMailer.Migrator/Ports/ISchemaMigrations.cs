namespace BulkMailer.Migrator.Ports;

/// <summary>
/// What the migrator needs from the database: apply the embedded migrations under an advisory lock, idempotently,
/// on one short-lived connection. Implemented by BulkMailer.Data.
/// </summary>
public interface ISchemaMigrations
{
    /// <summary>Applies what is missing; returns what this call applied and the schema version after it.</summary>
    Task<MigrationOutcome> MigrateAsync(CancellationToken cancellationToken);
}
