using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>Waits (bounded) until a session of the given application name waits for a lock, as pg_stat_activity says.</summary>
internal static class LockWaits
{
    public static async Task<bool> WaitForAsync(LocalServersFixture stack, string db, string applicationName)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await stack.ScalarAsync<long>(db, $"select count(*) from pg_stat_activity where application_name = '{applicationName}' and wait_event_type = 'Lock'") > 0)
            {
                return true;
            }
            await Task.Delay(25);
        }
        return false;
    }
}
