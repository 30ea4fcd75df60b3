using BulkMailer.IntegrationTests.Fixtures;
using Npgsql;

namespace BulkMailer.IntegrationTests.Maintenance;

/// <summary>A migrated database and the maintenance role's login to it (V011), as the deployed function logs in.</summary>
public sealed record MaintenanceDatabase(string Db, string RoleLogin)
{
    public const string Role = "bulkmailer_maintenance";

    public static async Task<MaintenanceDatabase> CreateAsync(LocalServersFixture stack, string name)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var db = await stack.NewDatabaseAsync(name);
        // The local cluster trusts local logins; the password only makes the login look like a deployed one.
        await stack.ScalarAsync<int>(db, $"alter role {Role} password 'maintenance-role-test'; select 1");
        return new MaintenanceDatabase(db, new NpgsqlConnectionStringBuilder(db) { Username = Role, Password = "maintenance-role-test", Pooling = false }.ConnectionString);
    }

    /// <summary>Runs <paramref name="sql"/> as the superuser (seeding).</summary>
    public async Task SeedAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Db) { Pooling = false, ApplicationName = "test-seed" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Event keys left, sorted.</summary>
    public Task<IReadOnlyList<string>> EventKeysAsync() => TableState.LinesAsync(Db, "select event_key from mail_event order by event_key");
}
