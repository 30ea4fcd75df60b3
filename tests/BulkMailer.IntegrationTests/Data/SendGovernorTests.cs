using System.Globalization;
using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Governor;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>
/// The send governor in claim-batch and record-results (migration V012) against the real PostgreSQL: concurrent claims
/// share one budget exactly, the SQL's grants and slots are GovernorArithmetic's, the 24-hour quota stops claims, and a
/// reported rate throttle shrinks the factor once per second.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class SendGovernorTests(LocalServersFixture stack) : MailStoreTest(stack, "governor-tests")
{
    private const string Key = "ses:test-region";

    private static IReadOnlyList<ClaimRequest> Jobs(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ClaimRequest($"{prefix}-{i:00}", "c1", $"r{i}@example.com"))];

    [Fact]
    public async Task Four_connections_claiming_at_once_share_one_budget_of_burst_plus_rate_times_the_wait()
    {
        // rate 5, burst 5, wait 3 s: floor(5 + 5 × 3) = 20 permits for 80 jobs (the claims run within one 200 ms slot).
        var permits = new SendPermitRequest(Key, 5, 5, TimeSpan.FromSeconds(3));
        var connections = Enumerable.Range(0, 4).Select(i => new StaticConnection(Db, $"governor-{i}")).ToList();
        try
        {
            var stores = connections.Select(c => new MailStore(c)).ToList();
            // Each connection open (one job each, no governor) before the claims that race.
            await Task.WhenAll(stores.Select((s, i) => s.ClaimBatchAsync(Jobs($"w{i}", 1), "warm", Lease)));
            var claims = await Task.WhenAll(stores.Select((s, i) => s.ClaimBatchAsync(Jobs($"c{i}", 20), $"inv-{i}", Lease, permits)));

            var all = claims.SelectMany(c => c).ToList();
            Assert.Equal(20, all.Count(o => o.Decision == ClaimDecision.Send));
            Assert.Equal(60, all.Count(o => o.Decision == ClaimDecision.NoPermit));
            Assert.Equal(4 + 20, (await TableState.MessagesAsync(Db)).Count);
            foreach (var claim in claims)
            {
                // Within one claim the slots after the burst are 1/rate apart.
                var slots = claim.Where(o => o.Decision == ClaimDecision.Send).Select(o => o.PermitAfter.TotalMilliseconds).Where(ms => ms > 0).Order().ToList();
                for (var i = 1; i < slots.Count; i++)
                {
                    // (each slot is counted from the moment its row is answered: microseconds apart)
                    Assert.InRange(slots[i] - slots[i - 1], 199, 201);
                }
                // Jobs beyond the grant get their estimated slot: beyond the wait.
                Assert.All(claim.Where(o => o.Decision == ClaimDecision.NoPermit), o => Assert.True(o.PermitAfter > permits.MaxWait - TimeSpan.FromMilliseconds(200)));
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Claims_in_a_row_get_the_grants_and_slots_GovernorArithmetic_computes()
    {
        // rate 1, burst 2, wait 3 s: slots a second apart, so the milliseconds between the statements change no count.
        var permits = new SendPermitRequest(Key, 1, 2, TimeSpan.FromSeconds(3));
        var now = DateTimeOffset.UnixEpoch;
        var (firstGrant, state) = GovernorArithmetic.Take(GovernorState.New(now), permits, 10, now);
        var (secondGrant, _) = GovernorArithmetic.Take(state, permits, 10, now);

        var first = await Store.ClaimBatchAsync(Jobs("a", 10), "inv-1", Lease, permits);
        var second = await Store.ClaimBatchAsync(Jobs("b", 10), "inv-2", Lease, permits);

        Assert.Equal(5, firstGrant.Granted);
        Assert.Equal(firstGrant.Granted, first.Count(o => o.Decision == ClaimDecision.Send));
        Assert.Equal(secondGrant.Granted, second.Count(o => o.Decision == ClaimDecision.Send));
        // Slots are counted from the answer, so the statement's own milliseconds come off them (at most a second here).
        var firstSlots = first.OrderBy(o => o.JobId, StringComparer.Ordinal).Select(o => o.PermitAfter.TotalMilliseconds).ToList();
        Assert.All(new double[] { 0, 0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000 }.Zip(firstSlots), pair => Assert.InRange(pair.Second, Math.Max(0, pair.First - 1000), pair.First));
        var expected = Enumerable.Range(1, 10).Select(i => secondGrant.After(i).TotalMilliseconds).ToList();
        var actual = second.OrderBy(o => o.JobId, StringComparer.Ordinal).Select(o => o.PermitAfter.TotalMilliseconds).ToList();
        Assert.All(expected.Zip(actual), pair => Assert.InRange(pair.Second, pair.First - 1000, pair.First));
    }

    [Fact]
    public async Task A_quota_reading_stops_claims_once_its_remaining_mails_are_granted_and_carrying_it_again_changes_nothing()
    {
        var permits = new SendPermitRequest(Key, 100, 50, TimeSpan.FromSeconds(3), new QuotaReading(3, TimeSpan.Zero));

        var read = System.Diagnostics.Stopwatch.StartNew();
        var first = await Store.ClaimBatchAsync(Jobs("q", 5), "inv-1", Lease, permits);
        // The sender carries its latest reading on every claim, as old as the time since it was read.
        var second = await Store.ClaimBatchAsync(Jobs("r", 2), "inv-2", Lease, permits with { Quota = new QuotaReading(3, read.Elapsed) });

        Assert.Equal(3, first.Count(o => o.Decision == ClaimDecision.Send));
        Assert.Equal(2, first.Count(o => o.Decision == ClaimDecision.QuotaExhausted));
        Assert.All(second, o => Assert.Equal(ClaimDecision.QuotaExhausted, o.Decision));
        Assert.Equal(3, (await TableState.MessagesAsync(Db)).Count);
    }

    [Fact]
    public async Task A_reported_rate_throttle_shrinks_the_factor_once_per_second()
    {
        var permits = new SendPermitRequest(Key, 10, 5, TimeSpan.FromSeconds(3));
        await Store.ClaimBatchAsync(Jobs("t", 2), "inv-1", Lease, permits);
        await using (var age = new NpgsqlConnection(Db))
        {
            await age.OpenAsync();
            await using var command = new NpgsqlCommand("update send_governor set factor_changed_at = factor_changed_at - interval '1 hour'", age);
            await command.ExecuteNonQueryAsync();
        }
        var throttles = new GovernorThrottles(Key, 3);

        await Store.RecordResultsAsync([new SendResult("t-00", "sending", null, "TooManyRequestsException", ReleaseLease: true)], throttles);
        await Store.RecordResultsAsync([new SendResult("t-01", "sending", null, "TooManyRequestsException", ReleaseLease: true)], throttles);

        var factor = double.Parse((await TableState.LinesAsync(Db, "select factor::text from send_governor")).Single(), CultureInfo.InvariantCulture);
        Assert.InRange(factor, GovernorArithmetic.DecreaseFactor - 0.001, GovernorArithmetic.DecreaseFactor);
    }

    [Fact]
    public async Task Fresh_permits_for_a_late_send_come_after_every_slot_granted_before_them_in_one_round_trip()
    {
        // rate 1, burst 2, wait 3 s: a claim of 5 takes every permit within the wait (slots 0, 0, 1, 2, 3 s), so a fresh
        // permit gets the 4 s slot (within a 10 s wait); two more would be the 5 s and 6 s slots, beyond a 3 s wait.
        var permits = new SendPermitRequest(Key, 1, 2, TimeSpan.FromSeconds(3));
        await Store.ClaimBatchAsync(Jobs("l", 5), "inv-1", Lease, permits);
        var before = Store.RoundTrips;

        var one = await Store.TakeSendPermitsAsync(permits with { MaxWait = TimeSpan.FromSeconds(10) }, 1);
        var tooMany = await Store.TakeSendPermitsAsync(permits, 2);

        Assert.Equal(2, Store.RoundTrips - before);
        Assert.NotNull(one);
        // (slots are counted from the answer: the statements' own milliseconds come off)
        Assert.InRange(one.Value.TotalMilliseconds, 3000, 4000);
        Assert.Null(tooMany);
    }
}

