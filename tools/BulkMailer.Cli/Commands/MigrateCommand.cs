using System.CommandLine;
using BulkMailer.Data.Migrations;
using Npgsql;

namespace BulkMailer.Cli.Commands;

/// <summary><c>bulkmailer migrate --db CONN</c>: applies the embedded schema migrations; idempotent.</summary>
public static class MigrateCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db")
        {
            Description = "Npgsql connection string of the target database (default: $BULKMAILER_DB)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BULKMAILER_DB") ?? string.Empty,
        };
        var command = new Command("migrate", "Apply the BulkMailer schema migrations (idempotent)") { db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connectionString = parse.GetValue(db);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                await Console.Error.WriteLineAsync("migrate: --db (or BULKMAILER_DB) is required").ConfigureAwait(false);
                return 2;
            }
            try
            {
                var applied = await SchemaMigrator.MigrateAsync(connectionString, cancellationToken).ConfigureAwait(false);
                Console.WriteLine(applied.Count == 0
                    ? $"schema is up to date (version {SchemaMigrator.Embedded[^1].Version})"
                    : $"applied {applied.Count} migration(s): {string.Join(", ", applied.Select(v => $"V{v:000}"))}");
                return 0;
            }
            catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"migrate failed: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
