using System.Text;
using System.Text.Json;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.IntegrationTests.Lambda;

/// <summary>The real Runtime API client and loop over HTTP against the test Runtime API server.</summary>
public sealed class RuntimeApiLoopTests : IAsyncLifetime
{
    private static readonly JsonLogger Quiet = new(TextWriter.Null);
    private RuntimeApiServer _server = null!;

    public Task InitializeAsync()
    {
        _server = RuntimeApiServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_handler_sees_the_invocation_context_and_its_result_is_posted_as_the_response()
    {
        InvocationRequest? seen = null;
        string? traceVariable = null;
        await using var host = StartHost((request, _) =>
        {
            seen = request;
            traceVariable = Environment.GetEnvironmentVariable(FunctionVariables.TraceId);
            return Task.FromResult(InvocationResponse.FromBytes(Encoding.UTF8.GetBytes($$"""{"echo":{{Encoding.UTF8.GetString(request.Payload.Span)}}}""")));
        });

        var invocation = _server.Enqueue("""{"n":42}""", TimeSpan.FromSeconds(30));
        var outcome = await invocation.Outcome.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(outcome.IsError);
        Assert.Equal("""{"echo":{"n":42}}""", outcome.BodyText);
        Assert.NotNull(seen);
        Assert.Equal(invocation.RequestId, seen.RequestId);
        Assert.Equal(_server.FunctionArn, seen.InvokedFunctionArn);
        Assert.Equal(invocation.TraceId, seen.TraceId);
        Assert.Equal(invocation.TraceId, traceVariable);
        Assert.InRange((seen.Deadline - invocation.HandedOutAt!.Value).TotalSeconds, 29.9, 30.1);
        Assert.InRange(seen.RemainingTime.TotalSeconds, 0, 30);
    }

    [Fact]
    public async Task A_handler_exception_is_posted_to_error_with_the_error_type_header_and_the_loop_goes_on()
    {
        await using var host = StartHost((request, _) => Encoding.UTF8.GetString(request.Payload.Span) == "\"fail\""
            ? throw new InvalidOperationException("the handler failed")
            : Task.FromResult(InvocationResponse.FromBytes("\"ok\""u8.ToArray())));

        var failed = await _server.InvokeAsync("\"fail\"");
        var next = await _server.InvokeAsync("\"fine\"");

        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("the handler failed", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", error.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.False(next.IsError);
        Assert.Equal("\"ok\"", next.BodyText);
    }

    [Fact]
    public async Task An_init_failure_is_posted_to_init_error_and_the_host_exits_non_zero()
    {
        using var client = new RuntimeApiClient(_server.RuntimeApiAddress);

        var exitCode = await LambdaHost.RunAsync(
            _ => throw new InvalidOperationException("cannot reach the database"),
            new LambdaHostOptions { Client = client, Logger = Quiet, HandleSigterm = false });

        var report = await _server.InitError.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(LambdaHost.ExitInitFailed, exitCode);
        Assert.Equal("InvalidOperationException", report.ErrorType);
        Assert.Contains("cannot reach the database", report.BodyText, StringComparison.Ordinal);
        Assert.Equal(0, _server.NextCalls);
    }

    [Fact]
    public async Task The_next_long_poll_outlives_any_timeout_the_http_client_was_given()
    {
        // The client must switch off the HttpClient timeout: a frozen environment resumes mid-request.
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(500) };
        using var client = new RuntimeApiClient(_server.RuntimeApiAddress, impatient);
        await using var host = StartHost((_, _) => Task.FromResult(InvocationResponse.Empty), client);
        await _server.FirstNextCall.WaitAsync(TimeSpan.FromSeconds(10));

        await Task.Delay(TimeSpan.FromSeconds(2));
        var outcome = await _server.InvokeAsync("{}");

        Assert.False(outcome.IsError);
    }

    [Fact]
    public async Task A_response_over_the_payload_limit_closes_the_invocation_with_an_error()
    {
        _server.MaxResponseBytes = 16;
        await using var host = StartHost((_, _) => Task.FromResult(InvocationResponse.FromBytes(new byte[64])));

        var outcome = await _server.InvokeAsync("{}");

        Assert.True(outcome.IsError);
        Assert.Equal(nameof(RuntimeApiException), outcome.ErrorType);
    }

    private RunningHost StartHost(LambdaHandler handler, IRuntimeApiClient? client = null)
    {
        var stop = new CancellationTokenSource();
        var owned = client is null ? new RuntimeApiClient(_server.RuntimeApiAddress) : null;
        var run = LambdaHost.RunAsync(_ => Task.FromResult(handler), new LambdaHostOptions
        {
            Client = client ?? owned,
            Logger = Quiet,
            StopToken = stop.Token,
            HandleSigterm = false,
        });
        return new RunningHost(stop, run, owned);
    }

    private sealed class RunningHost(CancellationTokenSource stop, Task<int> run, IDisposable? owned) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            var exitCode = await run.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(LambdaHost.ExitStopped, exitCode);
            stop.Dispose();
            owned?.Dispose();
        }
    }
}
