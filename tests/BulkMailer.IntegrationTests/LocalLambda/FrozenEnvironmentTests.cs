using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Environments;
using BulkMailer.LocalServers.Postgres;
using Npgsql;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>
/// An environment frozen (SIGSTOP) longer than the server's idle_session_timeout: the server reaps its connection
/// while it cannot answer; on the next invocation it reconnects once and the batch succeeds — one connection left.
/// </summary>
[Collection(LocalServersCollection.Name)]
public sealed class FrozenEnvironmentTests(LocalServersFixture stack)
{
    [Fact]
    public async Task A_frozen_environment_whose_connection_was_reaped_recovers_on_its_next_invocation()
    {
        var db = await stack.NewDatabaseAsync("frozen");
        var database = new NpgsqlConnectionStringBuilder(db).Database;
        await stack.ScalarAsync<int>(db, $"select 1; alter database \"{database}\" set idle_session_timeout = '1500ms'");
        await using var counter = new PgRoundTripCounter(stack.Postgres.Port);
        var environment = new Dictionary<string, string>(stack.Stack.AwsEnvironment())
        {
            ["BULKMAILER_DB"] = new NpgsqlConnectionStringBuilder(db) { Port = counter.Port }.ConnectionString,
            ["BULKMAILER_DEADLINE_MARGIN_MS"] = "1000",
        };
        await using var function = new LocalFunction(new FunctionDefinition
        {
            Name = "frozen-sender",
            Executable = FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap"),
            Environment = environment,
            ReservedConcurrency = 1,
            FreezeBetweenInvocations = true,
        });

        var first = await function.InvokeAsync(SenderBatches.OneJob("f1", "frozen"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(0, counter.ConnectionsOpen);

        var second = await function.InvokeAsync(SenderBatches.OneJob("f2", "frozen"), CancellationToken.None);

        Assert.Equal(InvocationStatus.Succeeded, first.Status);
        Assert.Equal(InvocationStatus.Succeeded, second.Status);
        Assert.Empty(SqsEvents.Failures(second.Response));
        Assert.Equal(1, function.ColdStarts);
        // At least one reconnect (the reaped connection); never two connections at once; one left.
        Assert.True(counter.ConnectionsOpened >= 2);
        Assert.Equal(1, counter.PeakConnectionsOpen);
        Assert.Equal(1, counter.ConnectionsOpen);
        Assert.Equal(["f1|sent", "f2|sent"], await TableState.LinesAsync(db, "select job_id || '|' || status from mail_message order by job_id"));
    }
}
