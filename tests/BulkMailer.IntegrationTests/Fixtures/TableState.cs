using Npgsql;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>Reads table contents as sorted text lines, so tests can assert an exact expected table state.</summary>
public static class TableState
{
    public static async Task<IReadOnlyList<string>> MessagesAsync(string connectionString) =>
        await LinesAsync(connectionString,
            "select job_id || '|' || status || '|' || attempts || '|' || coalesce(ses_message_id, '-') || '|' || coalesce(last_error, '-') from mail_message order by job_id");

    public static async Task<IReadOnlyList<string>> SuppressionsAsync(string connectionString) =>
        await LinesAsync(connectionString, "select email || '|' || reason || '|' || source from suppression order by email");

    public static async Task<IReadOnlyList<string>> EventsAsync(string connectionString) =>
        await LinesAsync(connectionString,
            "select event_type || '|' || coalesce(job_id, '-') || '|' || coalesce(ses_message_id, '-') || '|' || coalesce(error, '-') from mail_event order by event_type, job_id, ses_message_id");

    public static async Task<IReadOnlyList<string>> LinesAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "test-observer" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }
}
