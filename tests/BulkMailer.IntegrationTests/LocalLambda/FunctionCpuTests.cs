using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalLambda.Environments;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>The local Lambda service counts its environments' CPU from /proc, and keeps the count of destroyed ones.</summary>
[Collection(LocalServersCollection.Name)]
public sealed class FunctionCpuTests(LocalServersFixture stack)
{
    [Fact]
    public async Task The_cpu_of_a_destroyed_environment_stays_in_the_functions_count()
    {
        var db = await stack.NewDatabaseAsync("cpu");
        await using var function = new LocalFunction(new FunctionDefinition
        {
            Name = "cpu-sender",
            Executable = FunctionProcess.BuiltBootstrap("BulkMailer.Sender.Bootstrap"),
            Environment = new Dictionary<string, string>(stack.Stack.AwsEnvironment()) { ["BULKMAILER_DB"] = db },
            ReservedConcurrency = 1,
            FreezeBetweenInvocations = true,
        });

        Assert.Equal(InvocationStatus.Succeeded, (await function.InvokeAsync(SenderBatches.OneJob("c1", "cpu"), CancellationToken.None)).Status);
        var afterFirst = function.CpuTicks;
        Assert.True(afterFirst > 0, "a started and invoked environment used no CPU");
        var first = Assert.Single(function.Environments);
        first.Destroy();
        // SIGKILL is asynchronous: wait until the kernel has ended the process, so the next invocation cold-starts.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (first.IsAlive)
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(InvocationStatus.Succeeded, (await function.InvokeAsync(SenderBatches.OneJob("c2", "cpu"), CancellationToken.None)).Status);

        Assert.Equal(2, function.ColdStarts);
        Assert.True(function.CpuTicks > afterFirst, $"{function.CpuTicks} ticks after a second cold start, {afterFirst} before");
    }
}
