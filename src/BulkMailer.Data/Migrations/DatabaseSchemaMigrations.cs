using BulkMailer.Data.Connections;
using BulkMailer.Migrator.Ports;

namespace BulkMailer.Data.Migrations;

/// <summary>The migrator's port on PostgreSQL: one short-lived connection per run, the embedded migrations, the advisory lock.</summary>
public sealed class DatabaseSchemaMigrations(DatabaseLogin login, string applicationName) : ISchemaMigrations
{
    public async Task<MigrationOutcome> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = DatabaseDataSource.Build(login, applicationName);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var applied = await SchemaMigrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        // Every embedded version is applied once MigrateAsync returns: the schema is at the newest.
        return new MigrationOutcome(applied, SchemaMigrator.Embedded.Count == 0 ? 0 : SchemaMigrator.Embedded[^1].Version);
    }
}
