using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.Sender.Ports;
using Npgsql;

namespace BulkMailer.IntegrationTests.Data;

/// <summary>
/// record-results and ingest-feedback lock the rows they update in job_id order, whatever order the batch brings
/// them in, so a record and an ingest over the same jobs wait for each other instead of deadlocking. Shown with a
/// row held by another transaction: a statement blocked on job "a" holds no lock on job "b" yet.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class LockOrderTests(LocalServersFixture stack) : MailStoreTest(stack, "lock-order-tests")
{
    private async Task AssertLocksAFirstAsync(Func<Task> statement)
    {
        await Store.ClaimBatchAsync([new ClaimRequest("a", null, "a@example.com"), new ClaimRequest("b", null, "b@example.com")], "inv", Lease);
        await using var holder = new NpgsqlConnection(Db);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockA = new NpgsqlCommand("select 1 from mail_message where job_id = 'a' for update", holder, hold))
        {
            await lockA.ExecuteScalarAsync();
        }

        var running = statement();
        Assert.True(await LockWaits.WaitForAsync(Stack, Db, "lock-order-tests"), "the statement never waited for job a");

        await using (var probe = new NpgsqlConnection(Db))
        {
            await probe.OpenAsync();
            await using var tx = await probe.BeginTransactionAsync();
            await using var lockB = new NpgsqlCommand("select 1 from mail_message where job_id = 'b' for update nowait", probe, tx);
            // Throws 55P03 (lock_not_available) if the blocked statement had locked b before a.
            await lockB.ExecuteScalarAsync();
            await tx.RollbackAsync();
        }
        await hold.CommitAsync();
        await running;
    }

    [Fact]
    public async Task Record_results_lock_rows_in_job_id_order_whatever_order_the_batch_brings()
    {
        await AssertLocksAFirstAsync(() => Store.RecordResultsAsync([new SendResult("b", "sent", "ses-b", null), new SendResult("a", "sent", "ses-a", null)]));

        Assert.Equal(["a|sent|1|ses-a|-", "b|sent|1|ses-b|-"], await TableState.MessagesAsync(Db));
    }

    [Fact]
    public async Task Feedback_ingest_locks_rows_in_job_id_order_whatever_order_the_events_come_in()
    {
        await AssertLocksAFirstAsync(() => Store.IngestFeedbackAsync([RecordResultsTests.Delivery("ses-b", "b"), RecordResultsTests.Delivery("ses-a", "a")]));

        Assert.Equal(["a|delivered|1|ses-a|-", "b|delivered|1|ses-b|-"], await TableState.MessagesAsync(Db));
    }
}
