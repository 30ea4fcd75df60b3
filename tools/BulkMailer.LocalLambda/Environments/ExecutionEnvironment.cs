using System.Diagnostics;
using System.Text;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.LocalLambda.Environments;

/// <summary>
/// One Lambda execution environment: a child process running the function's real <c>bootstrap</c>, talking to
/// its own Runtime API server on 127.0.0.1. It runs one invocation at a time, is frozen (SIGSTOP) between
/// invocations like a real one, and is destroyed when an invocation overruns the timeout — so database
/// connections behave exactly as they do in AWS.
/// </summary>
public sealed class ExecutionEnvironment : IAsyncDisposable
{
    private readonly FunctionDefinition _function;
    private readonly RuntimeApiServer _runtimeApi;
    private readonly Process _process;
    private readonly StreamWriter? _log;
    private bool _frozen;
    private long _cpuTicks;

    private ExecutionEnvironment(FunctionDefinition function, int id, RuntimeApiServer runtimeApi, Process process, StreamWriter? log)
    {
        _function = function;
        Id = id;
        _runtimeApi = runtimeApi;
        _process = process;
        _log = log;
        LastUsed = DateTimeOffset.UtcNow;
    }

    public int Id { get; }

    public int ProcessId => _process.Id;

    public int Invocations { get; private set; }

    public DateTimeOffset LastUsed { get; private set; }

    /// <summary>
    /// CPU the process used (clock ticks, <see cref="Monitoring.ProcStat"/>), as last read: after its init, after
    /// every invocation and just before it is destroyed, so the count survives the process.
    /// </summary>
    public long CpuTicks => Interlocked.Read(ref _cpuTicks);

    /// <summary>False once the process exited or was destroyed.</summary>
    public bool IsAlive => !_process.HasExited;

    /// <summary>Starts the process and waits for its init phase to end (its first /next call), as a cold start does.</summary>
    public static async Task<ExecutionEnvironment> StartAsync(FunctionDefinition function, int id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var runtimeApi = RuntimeApiServer.Start();
        var info = new ProcessStartInfo(function.Executable.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : function.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (function.Executable.EndsWith(".dll", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(function.Executable);
        }
        foreach (var (name, value) in function.Environment)
        {
            info.Environment[name] = value;
        }
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi.RuntimeApiAddress;
        info.Environment["AWS_LAMBDA_FUNCTION_NAME"] = function.Name;
        info.Environment["AWS_LAMBDA_FUNCTION_TIMEOUT"] = ((int)function.Timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        StreamWriter? log = null;
        if (function.LogDirectory is { } logDirectory)
        {
            Directory.CreateDirectory(logDirectory);
            log = new StreamWriter(Path.Combine(logDirectory, $"{function.Name}-{id:000}.log"), append: false, Encoding.UTF8) { AutoFlush = true };
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {function.Executable}");
        var environment = new ExecutionEnvironment(function, id, runtimeApi, process, log);
        process.OutputDataReceived += (_, e) => environment.WriteLog(e.Data);
        process.ErrorDataReceived += (_, e) => environment.WriteLog(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var initTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Lambda allows 10 s of init; a local JIT start on a busy 2-core machine gets more slack.
        initTimeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(initTimeout.Token);
        var finished = await Task.WhenAny(runtimeApi.FirstNextCall, runtimeApi.InitError, exited).ConfigureAwait(false);
        if (finished != runtimeApi.FirstNextCall)
        {
            var reason = finished == runtimeApi.InitError ? $"init error: {(await runtimeApi.InitError.ConfigureAwait(false)).Body}" : "exited or timed out during init";
            await environment.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{function.Name} environment {id} failed to start: {reason}");
        }
        environment.SampleCpu();
        return environment;
    }

    /// <summary>Runs one invocation; destroys the environment when it overruns the function timeout.</summary>
    public async Task<InvocationResult> InvokeAsync(byte[] payload, bool coldStart, CancellationToken cancellationToken)
    {
        Thaw();
        var started = Stopwatch.GetTimestamp();
        Invocations++;
        var invocation = _runtimeApi.Enqueue(payload, _function.Timeout);
        var exited = _process.WaitForExitAsync(cancellationToken);
        // A little grace past the deadline: the response of a function that finished in time may still be on the wire.
        var deadline = Task.Delay(_function.Timeout + TimeSpan.FromMilliseconds(500), cancellationToken);
        var finished = await Task.WhenAny(invocation.Outcome, exited, deadline).ConfigureAwait(false);
        LastUsed = DateTimeOffset.UtcNow;
        var duration = Stopwatch.GetElapsedTime(started);
        if (finished == invocation.Outcome)
        {
            var outcome = await invocation.Outcome.ConfigureAwait(false);
            SampleCpu();
            if (_function.FreezeBetweenInvocations)
            {
                Freeze();
            }
            return new InvocationResult(outcome.IsError ? InvocationStatus.FunctionError : InvocationStatus.Succeeded, outcome.BodyText, duration, coldStart);
        }
        if (finished == deadline)
        {
            // As Lambda does with a timed-out invocation: the environment is destroyed, whatever it was doing.
            Destroy();
            return new InvocationResult(InvocationStatus.TimedOut, string.Empty, duration, coldStart);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new InvocationResult(InvocationStatus.EnvironmentDied, string.Empty, duration, coldStart);
    }

    /// <summary>SIGKILL, as when Lambda reclaims an environment (fault tests kill environments mid-batch too).</summary>
    public void Destroy()
    {
        if (!_process.HasExited)
        {
            SampleCpu();
            NativeSignals.Send(_process.Id, NativeSignals.SigKill);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Destroy();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The kernel will reap it; nothing else to do.
        }
        _process.Dispose();
        await _runtimeApi.DisposeAsync().ConfigureAwait(false);
        if (_log is not null)
        {
            lock (_log)
            {
                _log.Dispose();
            }
        }
    }

    /// <summary>Reads the process's CPU now, if it is still there; returns the latest count.</summary>
    public long SampleCpu()
    {
        if (Monitoring.ProcStat.TryRead(_process.Id) is { } stat && stat.OwnTicks > Interlocked.Read(ref _cpuTicks))
        {
            Interlocked.Exchange(ref _cpuTicks, stat.OwnTicks);
        }
        return CpuTicks;
    }

    private void Freeze()
    {
        if (!_frozen && !_process.HasExited && NativeSignals.Send(_process.Id, NativeSignals.SigStop))
        {
            _frozen = true;
        }
    }

    private void Thaw()
    {
        if (_frozen && !_process.HasExited)
        {
            NativeSignals.Send(_process.Id, NativeSignals.SigCont);
        }
        _frozen = false;
    }

    private void WriteLog(string? line)
    {
        if (line is null || _log is null)
        {
            return;
        }
        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after disposal (the last lines of a killed process): dropped.
            }
        }
    }
}
