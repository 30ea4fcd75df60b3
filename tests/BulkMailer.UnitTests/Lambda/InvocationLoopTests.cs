using System.Text;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Lambda;

public sealed class InvocationLoopTests
{
    private static readonly JsonLogger Quiet = new(TextWriter.Null);

    [Fact]
    public async Task The_handler_result_is_posted_as_the_response_of_its_request_id()
    {
        var api = new FakeRuntimeApiClient();
        api.Queue("req-1", """{"n":1}""");
        var loop = new InvocationLoop(api, (request, _) => Task.FromResult(InvocationResponse.FromBytes(request.Payload)), Quiet);

        var succeeded = await loop.RunOnceAsync(CancellationToken.None);

        Assert.True(succeeded);
        Assert.Equal([("req-1", """{"n":1}""")], api.Responses);
    }

    [Fact]
    public async Task A_handler_exception_is_reported_as_that_invocations_error_and_the_next_invocation_still_runs()
    {
        var api = new FakeRuntimeApiClient();
        api.Queue("req-1", "boom");
        api.Queue("req-2", "fine");
        var loop = new InvocationLoop(api, (request, _) => Encoding.UTF8.GetString(request.Payload.Span) == "boom"
            ? throw new InvalidOperationException("handler blew up")
            : Task.FromResult(InvocationResponse.Empty), Quiet);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.RunAsync(CancellationToken.None));

        var error = Assert.Single(api.Errors);
        Assert.Equal("req-1", error.RequestId);
        Assert.IsType<InvalidOperationException>(error.Error);
        Assert.Equal([("req-2", "")], api.Responses);
    }

    [Fact]
    public async Task A_handler_still_waiting_at_the_deadline_is_cancelled_and_reported_as_that_invocations_error()
    {
        var api = new FakeRuntimeApiClient();
        api.Queue("req-1", "{}", deadline: DateTimeOffset.UtcNow.AddMinutes(-1));
        var loop = new InvocationLoop(api, async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return InvocationResponse.Empty;
        }, Quiet);

        var succeeded = await loop.RunOnceAsync(CancellationToken.None);

        Assert.False(succeeded);
        var error = Assert.Single(api.Errors);
        Assert.Equal("req-1", error.RequestId);
        Assert.IsAssignableFrom<OperationCanceledException>(error.Error);
    }

    [Fact]
    public async Task A_handler_with_time_left_gets_a_token_that_has_not_fired()
    {
        var api = new FakeRuntimeApiClient();
        api.Queue("req-1", "{}", deadline: DateTimeOffset.UtcNow.AddMinutes(5));
        var cancelledAtStart = true;
        var loop = new InvocationLoop(api, (_, token) =>
        {
            cancelledAtStart = token.IsCancellationRequested;
            return Task.FromResult(InvocationResponse.Empty);
        }, Quiet);

        Assert.True(await loop.RunOnceAsync(CancellationToken.None));
        Assert.False(cancelledAtStart);
    }

    [Fact]
    public async Task A_response_the_runtime_api_refuses_closes_the_invocation_with_an_error_instead()
    {
        var api = new FakeRuntimeApiClient { RejectResponsesWith = 413 };
        api.Queue("req-1", "{}");
        var loop = new InvocationLoop(api, (_, _) => Task.FromResult(InvocationResponse.Empty), Quiet);

        var succeeded = await loop.RunOnceAsync(CancellationToken.None);

        Assert.False(succeeded);
        Assert.Equal("req-1", Assert.Single(api.Errors).RequestId);
    }

    [Fact]
    public async Task The_request_id_is_visible_to_log_lines_only_during_the_invocation()
    {
        var api = new FakeRuntimeApiClient();
        api.Queue("req-7", "{}");
        string? seen = null;
        var loop = new InvocationLoop(api, (_, _) =>
        {
            seen = InvocationScope.CurrentRequestId;
            return Task.FromResult(InvocationResponse.Empty);
        }, Quiet);

        await loop.RunOnceAsync(CancellationToken.None);

        Assert.Equal("req-7", seen);
        Assert.Null(InvocationScope.CurrentRequestId);
    }

    [Fact]
    public async Task A_failing_init_is_reported_to_init_error_and_the_host_exits_non_zero()
    {
        var api = new FakeRuntimeApiClient();

        var exitCode = await LambdaHost.RunAsync(
            _ => throw new InvalidOperationException("no database"),
            new LambdaHostOptions { Client = api, Logger = Quiet, HandleSigterm = false });

        Assert.Equal(LambdaHost.ExitInitFailed, exitCode);
        Assert.Equal("no database", Assert.Single(api.InitErrors).Message);
    }

    [Fact]
    public void The_remaining_time_counts_down_to_the_deadline_and_never_goes_negative()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var request = new InvocationRequest("r", clock.GetUtcNow().AddSeconds(10), null, null, ReadOnlyMemory<byte>.Empty, clock);

        var atStart = request.RemainingTime;
        clock.Advance(TimeSpan.FromSeconds(4));
        var later = request.RemainingTime;
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(6), TimeSpan.Zero), (atStart, later, request.RemainingTime));
    }
}
