using BulkMailer.Migrator.Ports;

namespace BulkMailer.Data.Migrations;

/// <summary>The migrator's port on PostgreSQL: one short-lived connection per run, the embedded migrations, the advisory lock.</summary>
public sealed class DatabaseSchemaMigrations(string connectionString, string applicationName) : ISchemaMigrations
{
    public async Task<MigrationOutcome> MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await SchemaMigrator.MigrateAsync(connectionString, applicationName, cancellationToken).ConfigureAwait(false);
        // Every embedded version is applied once MigrateAsync returns: the schema is at the newest.
        return new MigrationOutcome(applied, SchemaMigrator.Embedded.Count == 0 ? 0 : SchemaMigrator.Embedded[^1].Version);
    }
}
