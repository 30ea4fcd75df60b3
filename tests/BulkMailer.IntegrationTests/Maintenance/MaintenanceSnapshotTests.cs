using BulkMailer.Data.Connections;
using BulkMailer.Data.Maintenance;
using BulkMailer.IntegrationTests.Fixtures;
using Npgsql;

namespace BulkMailer.IntegrationTests.Maintenance;

/// <summary>
/// maintenance-snapshot on a seeded table, read as the maintenance role in one round trip: the expired leases of
/// every campaign, and the recently active campaigns by status, most recent first and bounded; and what the role may
/// not do.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class MaintenanceSnapshotTests(LocalServersFixture stack)
{
    private static string Job(string id, string? campaign, string status, string updatedAgo, string? leaseFromNow = null) =>
        $"('{id}', {(campaign is null ? "null" : $"'{campaign}'")}, '{id}@example.com', '{status}', " +
        $"{(leaseFromNow is null ? "null" : $"now() + interval '{leaseFromNow}'")}, now() - interval '{updatedAgo}')";

    [Fact]
    public async Task Expired_leases_are_counted_across_campaigns_and_recent_campaigns_by_status_most_recent_first()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-snapshot");
        await db.SeedAsync("insert into mail_message (job_id, campaign_id, recipient, status, lease_until, updated_at) values " + string.Join(",\n",
            Job("a1", "autumn", "sent", "1 minute"),
            Job("a2", "autumn", "sent", "2 minutes"),
            Job("a3", "autumn", "sent", "3 minutes"),
            Job("a4", "autumn", "sending", "20 minutes", leaseFromNow: "-10 minutes"),
            Job("a5", "autumn", "sending", "20 minutes", leaseFromNow: "-5 minutes"),
            Job("a6", "autumn", "sending", "1 minute", leaseFromNow: "5 minutes"),
            Job("a7", "autumn", "bounced", "4 minutes"),
            Job("b1", "beta", "delivered", "2 hours"),
            Job("b2", "beta", "delivered", "3 hours"),
            Job("o1", "old", "sent", "3 days"),
            Job("o2", "old", "sending", "3 days", leaseFromNow: "-2 days"),
            Job("n1", null, "sending", "1 hour", leaseFromNow: "-1 minute")));
        await using var connection = new StaticConnection(db.RoleLogin, "maint-snapshot");

        var snapshot = await new MaintenanceStore(connection).ReadSnapshotAsync(TimeSpan.FromHours(24), 20, CancellationToken.None);

        Assert.Equal(1, connection.RoundTrips);
        // a4, a5, o2 (a campaign long idle) and n1 (no campaign); not a6, whose lease is live.
        Assert.Equal(4, snapshot.ExpiredLeases);
        Assert.InRange(snapshot.OldestExpiredLeaseAge!.Value, TimeSpan.FromDays(2), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(5));
        Assert.Equal(["autumn", "beta"], snapshot.Campaigns.Select(c => c.CampaignId));
        var autumn = snapshot.Campaigns[0];
        Assert.Equal((3L, 3L, 1L, 0L, 2L), (autumn.Jobs("sent"), autumn.Jobs("sending"), autumn.Jobs("bounced"), autumn.Jobs("delivered"), autumn.ExpiredLeases));
        Assert.Equal((2L, 0L), (snapshot.Campaigns[1].Jobs("delivered"), snapshot.Campaigns[1].ExpiredLeases));
    }

    [Fact]
    public async Task Only_the_most_recently_active_campaigns_up_to_the_bound_are_reported()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-bound");
        await db.SeedAsync("insert into mail_message (job_id, campaign_id, recipient, status, lease_until, updated_at) values " + string.Join(",\n",
            Enumerable.Range(1, 25).Select(i => Job($"j{i:00}", $"c{i:00}", "sent", $"{i} minutes"))));
        await using var connection = new StaticConnection(db.RoleLogin, "maint-bound");

        var snapshot = await new MaintenanceStore(connection).ReadSnapshotAsync(TimeSpan.FromHours(24), 20, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"c{i:00}"), snapshot.Campaigns.Select(c => c.CampaignId));
        Assert.Equal((0L, (TimeSpan?)null), (snapshot.ExpiredLeases, snapshot.OldestExpiredLeaseAge));
    }

    [Fact]
    public async Task The_maintenance_role_may_delete_events_and_count_jobs_but_not_read_addresses_or_raw_events_or_change_anything_else()
    {
        var db = await MaintenanceDatabase.CreateAsync(stack, "maint-role");
        await using var connection = new NpgsqlConnection(db.RoleLogin);
        await connection.OpenAsync();

        foreach (var allowed in new[]
        {
            "delete from mail_event where id in (select id from mail_event where coalesce(occurred_at, received_at) < now() limit 1)",
            "select count(*), min(lease_until) from mail_message where status = 'sending' and updated_at < now() group by campaign_id",
        })
        {
            await using var command = new NpgsqlCommand(allowed, connection);
            await command.ExecuteNonQueryAsync();
        }
        foreach (var forbidden in new[]
        {
            "select recipient from mail_message",
            "select raw from mail_event",
            "select detail from mail_event",
            "update mail_message set status = 'failed'",
            "delete from mail_message",
            "insert into mail_event (event_key, event_type, raw) values ('x', 'y', 'z')",
            "select count(*) from suppression",
            "delete from suppression",
            "create table intruder (id int)",
        })
        {
            await using var command = new NpgsqlCommand(forbidden, connection);
            var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        }
    }
}
