using BulkMailer.Data.Migrations;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalServers.Postgres;
using Npgsql;

namespace BulkMailer.LocalLambda.Deployments;

/// <summary>The deployment's database: created on the cluster, migrated as the migrator function does, then set up as asked.</summary>
internal static class LocalDatabase
{
    public static async Task<string> CreateAsync(PostgresCluster postgres, LocalDeploymentOptions options, CancellationToken cancellationToken)
    {
        var db = await postgres.CreateDatabaseAsync(options.Database, cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        // Identifiers and settings cannot be bound parameters; both values come from code, never from input.
        var database = new NpgsqlConnectionStringBuilder(db).Database;
        var statements = new List<string>();
        if (options.IdleSessionTimeout is { } idle)
        {
            statements.Add($"alter database \"{database}\" set idle_session_timeout = '{(int)idle.TotalMilliseconds}ms'");
        }
        if (options.FunctionRole is { } role)
        {
            // The functions log in as an ordinary role, as on RDS: the superuser-reserved slots are not theirs.
            statements.Add($"do $$ begin if not exists (select from pg_roles where rolname = '{role}') then create role {role} login; end if; end $$");
            statements.Add($"grant all on all tables in schema public to {role}");
            statements.Add($"grant all on all sequences in schema public to {role}");
        }
        if (statements.Count == 0)
        {
            return db;
        }
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db) { Pooling = false, ApplicationName = ConnectionSampler.ApplicationName }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(string.Join(";\n", statements), connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return db;
    }
}
