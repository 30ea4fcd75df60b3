using Npgsql;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary>Seeds a test database with SQL run as it is (on a short-lived observer connection).</summary>
public static class OperatorDatabase
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "test-observer" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
