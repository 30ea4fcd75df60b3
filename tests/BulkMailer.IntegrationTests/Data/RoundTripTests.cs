using BulkMailer.Core.Feedback;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalServers.Postgres;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>Round trips are counted on the wire (a counting proxy in front of PostgreSQL), not assumed.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class RoundTripTests(LocalServersFixture stack)
{
    private async Task<(PgRoundTripCounter Counter, StaticConnection Connection, MailStore Store)> ThroughCounterAsync(string db)
    {
        var counter = new PgRoundTripCounter(stack.Postgres.Port);
        var viaProxy = new NpgsqlConnectionStringBuilder(db) { Port = counter.Port }.ConnectionString;
        var connection = new StaticConnection(viaProxy, "roundtrips");
        await connection.OpenAsync();
        return (counter, connection, new MailStore(connection));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task Claiming_and_recording_a_batch_takes_two_round_trips_whatever_its_size(int size)
    {
        var db = await stack.NewDatabaseAsync($"rt{size}");
        var (counter, connection, store) = await ThroughCounterAsync(db);
        await using var _ = counter;
        await using var __ = connection;
        var jobs = Enumerable.Range(0, size).Select(i => new ClaimRequest($"job-{i}", "c", $"r{i}@example.com")).ToList();
        var before = counter.RoundTrips;

        var claimed = await store.ClaimBatchAsync(jobs, "inv", TimeSpan.FromMinutes(1));
        await store.RecordResultsAsync([.. claimed.Select(c => new SendResult(c.JobId, "sent", $"ses-{c.JobId}", null))]);

        Assert.Equal(2, counter.RoundTrips - before);
        Assert.Equal(1, counter.ConnectionsOpened);
        Assert.Equal(size, await stack.ScalarAsync<long>(db, "select count(*) from mail_message where status = 'sent'"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task Ingesting_a_feedback_batch_takes_one_round_trip_whatever_its_size(int size)
    {
        var db = await stack.NewDatabaseAsync($"rtf{size}");
        var (counter, connection, store) = await ThroughCounterAsync(db);
        await using var _ = counter;
        await using var __ = connection;
        var events = Enumerable.Range(0, size).Select(i => new FeedbackEvent
        {
            EventKey = $"k{i}",
            EventType = "Bounce",
            SesMessageId = $"ses-{i}",
            NewStatus = "bounced",
            Suppressions = [new SuppressionEntry($"r{i}@example.com", "bounce:Permanent/General")],
            Raw = "{}",
        }).ToList();
        var before = counter.RoundTrips;

        var result = await store.IngestFeedbackAsync(events);

        Assert.Equal(1, counter.RoundTrips - before);
        Assert.Equal(size, result.EventsInserted);
        Assert.Equal(size, result.SuppressionsAdded);
    }

    [Fact]
    public async Task The_clients_own_round_trip_count_matches_the_wire()
    {
        var db = await stack.NewDatabaseAsync("rtmatch");
        var (counter, connection, store) = await ThroughCounterAsync(db);
        await using var _ = counter;
        await using var __ = connection;
        var wireBefore = counter.RoundTrips;
        var clientBefore = connection.RoundTrips;

        for (var i = 0; i < 5; i++)
        {
            var claimed = await store.ClaimBatchAsync([new ClaimRequest($"m{i}", null, "a@example.com")], "inv", TimeSpan.FromMinutes(1));
            await store.RecordResultsAsync([new SendResult(claimed[0].JobId, "sent", $"s{i}", null)]);
        }

        Assert.Equal(10, counter.RoundTrips - wireBefore);
        Assert.Equal(10, connection.RoundTrips - clientBefore);
    }
}
