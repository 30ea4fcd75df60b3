using System.Text.Json;
using BulkMailer.Cli.Operations;
using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.Operations;

/// <summary><c>bulkmailer status</c> against a real PostgreSQL with rows seeded as the functions leave them.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class StatusCommandTests(LocalServersFixture stack)
{
    private async Task<string> SeededDatabaseAsync()
    {
        var db = await stack.NewDatabaseAsync("status");
        // c1: 20 accepted by SES (17 delivered, 2 bounced = 10 %, 1 complained = 5 %), 1 in flight, 2 with expired
        // leases, 1 suppressed; c2: 1 sent. 'stuck-old' expired longest ago.
        await OperatorDatabase.ExecuteAsync(db, """
            insert into mail_message (job_id, campaign_id, recipient, status, ses_message_id)
            select 'd' || i, 'c1', 'r@example.com', 'delivered', 'ses-d' || i from generate_series(1, 17) i;
            insert into mail_message (job_id, campaign_id, recipient, status, ses_message_id) values
              ('b1', 'c1', 'r@example.com', 'bounced', 'ses-b1'), ('b2', 'c1', 'r@example.com', 'bounced', 'ses-b2'),
              ('k1', 'c1', 'r@example.com', 'complained', 'ses-k1'), ('s1', 'c2', 'r@example.com', 'sent', 'ses-s1');
            insert into mail_message (job_id, campaign_id, recipient, status) values ('x1', 'c1', 'r@example.com', 'suppressed');
            insert into mail_message (job_id, campaign_id, recipient, status, lease_owner, lease_until) values
              ('live', 'c1', 'r@example.com', 'sending', 'inv', now() + interval '5 minutes'),
              ('stuck-old', 'c1', 'r@example.com', 'sending', 'inv', now() - interval '2 hours'),
              ('stuck-new', 'c1', 'r@example.com', 'sending', 'inv', now() - interval '1 minute');
            """);
        return db;
    }

    [Fact]
    public async Task Json_status_counts_each_campaign_by_status_and_flags_rates_at_the_SES_review_thresholds()
    {
        var db = await SeededDatabaseAsync();

        var (exitCode, output, error) = await OperatorCli.RunAsync("status", "--db", db, "--json");

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        Assert.Equal("", error);
        var campaigns = JsonDocument.Parse(output).RootElement.GetProperty("campaigns").EnumerateArray().ToList();
        Assert.Equal(["c1", "c2"], campaigns.Select(c => c.GetProperty("campaignId").GetString()));
        var c1 = campaigns[0];
        Assert.Equal(24, c1.GetProperty("total").GetInt64());
        Assert.Equal("""{"delivered":17,"bounced":2,"complained":1,"suppressed":1,"sending":3}""",
            JsonSerializer.Serialize(c1.GetProperty("byStatus").EnumerateObject().OrderBy(p => p.Name == "sending").ToDictionary(p => p.Name, p => p.Value.GetInt64())));
        Assert.Equal(20, c1.GetProperty("acceptedBySes").GetInt64());
        Assert.Equal(0.1, c1.GetProperty("bounceRate").GetDouble());
        Assert.Equal(0.05, c1.GetProperty("complaintRate").GetDouble());
        Assert.True(c1.GetProperty("bounceRateAtThreshold").GetBoolean());
        Assert.True(c1.GetProperty("complaintRateAtThreshold").GetBoolean());
        Assert.Equal(1, c1.GetProperty("inFlight").GetInt64());
        Assert.Equal(2, c1.GetProperty("withoutLiveLease").GetInt64());
        Assert.Equal("stuck-old", c1.GetProperty("oldestExpiredLease").GetProperty("jobId").GetString());
        // Rows seeded just now count as claimed within the window: 20 accepted over 300 s.
        Assert.Equal(Math.Round(20 / 300.0, 3), c1.GetProperty("sendRatePerSecond").GetDouble());
        var c2 = campaigns[1];
        Assert.False(c2.GetProperty("bounceRateAtThreshold").GetBoolean());
        Assert.Equal(JsonValueKind.Null, c2.GetProperty("oldestExpiredLease").ValueKind);
    }

    [Fact]
    public async Task The_table_shows_one_campaign_when_asked_for_it()
    {
        var db = await SeededDatabaseAsync();

        var (exitCode, output, _) = await OperatorCli.RunAsync("status", "--db", db, "--campaign", "c2");

        Assert.Equal(OperatorExitCodes.Success, exitCode);
        Assert.Contains("sent=1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("c1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_campaign_with_no_recorded_jobs_says_so_and_exits_not_found()
    {
        var db = await SeededDatabaseAsync();

        var (exitCode, output, error) = await OperatorCli.RunAsync("status", "--db", db, "--campaign", "nope");

        Assert.Equal(OperatorExitCodes.NotFound, exitCode);
        Assert.Equal("", output);
        Assert.Contains("campaign 'nope' has no recorded jobs", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_without_a_database_is_a_usage_error()
    {
        var (exitCode, _, error) = await OperatorCli.RunAsync("status", "--db", "");

        Assert.Equal(OperatorExitCodes.Usage, exitCode);
        Assert.Contains("--db", error, StringComparison.Ordinal);
    }
}
