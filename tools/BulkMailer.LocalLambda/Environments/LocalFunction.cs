using System.Collections.Concurrent;

namespace BulkMailer.LocalLambda.Environments;

/// <summary>
/// The Lambda service for one function: reuses idle execution environments, cold-starts a new one only when none
/// is idle, never has more than the reserved concurrency alive at once (further invocations wait, as throttled
/// event source mappings do), and recycles environments that stayed idle too long.
/// </summary>
public sealed class LocalFunction : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<ExecutionEnvironment> _idle = new();
    private readonly ConcurrentDictionary<int, ExecutionEnvironment> _all = new();
    private readonly ConcurrentQueue<TimeSpan> _durations = new();
    private readonly ConcurrentQueue<string> _errorResponses = new();
    private int _nextId;
    private long _invocations;
    private long _coldStarts;
    private long _errors;
    private long _timeouts;
    private long _retiredCpuTicks;

    public LocalFunction(FunctionDefinition definition)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        _slots = new SemaphoreSlim(definition.ReservedConcurrency, definition.ReservedConcurrency);
    }

    public FunctionDefinition Definition { get; }

    public long Invocations => Interlocked.Read(ref _invocations);

    /// <summary>Environments started (cold starts), including replacements of destroyed ones.</summary>
    public long ColdStarts => Interlocked.Read(ref _coldStarts);

    public long Errors => Interlocked.Read(ref _errors);

    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Durations of the invocations that succeeded (for percentiles).</summary>
    public IReadOnlyList<TimeSpan> SucceededDurations => [.. _durations];

    /// <summary>Error bodies of failed invocations (Lambda's error JSON), e.g. to count "too many clients".</summary>
    public IReadOnlyList<string> ErrorResponses => [.. _errorResponses];

    /// <summary>CPU clock ticks of every environment this function ran, the destroyed ones included.</summary>
    public long CpuTicks => Interlocked.Read(ref _retiredCpuTicks) + _all.Values.Sum(e => e.SampleCpu());

    /// <summary>Environments alive now.</summary>
    public int AliveEnvironments => _all.Values.Count(e => e.IsAlive);

    /// <summary>The environments alive now (fault tests destroy or freeze them).</summary>
    public IReadOnlyList<ExecutionEnvironment> Environments => [.. _all.Values.Where(e => e.IsAlive)];

    public async Task<InvocationResult> InvokeAsync(byte[] payload, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        ExecutionEnvironment? environment = null;
        try
        {
            var coldStart = false;
            while (_idle.TryPop(out var candidate))
            {
                if (candidate.IsAlive)
                {
                    environment = candidate;
                    break;
                }
                await RemoveAsync(candidate).ConfigureAwait(false);
            }
            if (environment is null)
            {
                coldStart = true;
                Interlocked.Increment(ref _coldStarts);
                try
                {
                    environment = await ExecutionEnvironment.StartAsync(Definition, Interlocked.Increment(ref _nextId), cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidOperationException initFailure)
                {
                    // An init failure (e.g. the database refused the connection) fails this invocation, as in Lambda;
                    // the event source mapping retries the batch later.
                    Interlocked.Increment(ref _invocations);
                    Interlocked.Increment(ref _errors);
                    _errorResponses.Enqueue(initFailure.Message);
                    return new InvocationResult(InvocationStatus.EnvironmentDied, initFailure.Message, TimeSpan.Zero, ColdStart: true);
                }
                _all[environment.Id] = environment;
            }
            Interlocked.Increment(ref _invocations);
            var result = await environment.InvokeAsync(payload, coldStart, cancellationToken).ConfigureAwait(false);
            if (result.Status == InvocationStatus.Succeeded)
            {
                _durations.Enqueue(result.Duration);
            }
            else
            {
                Interlocked.Increment(ref _errors);
                _errorResponses.Enqueue(result.Response);
            }
            if (result.Status == InvocationStatus.TimedOut)
            {
                Interlocked.Increment(ref _timeouts);
            }
            return result;
        }
        finally
        {
            if (environment is not null)
            {
                if (environment.IsAlive)
                {
                    _idle.Push(environment);
                }
                else
                {
                    await RemoveAsync(environment).ConfigureAwait(false);
                }
            }
            _slots.Release();
        }
    }

    /// <summary>Destroys environments idle longer than <see cref="FunctionDefinition.RecycleAfterIdle"/>; returns how many.</summary>
    public async Task<int> RecycleIdleAsync()
    {
        if (Definition.RecycleAfterIdle is not { } idleLimit)
        {
            return 0;
        }
        var keep = new List<ExecutionEnvironment>();
        var recycled = 0;
        while (_idle.TryPop(out var environment))
        {
            if (DateTimeOffset.UtcNow - environment.LastUsed > idleLimit)
            {
                recycled++;
                await RemoveAsync(environment).ConfigureAwait(false);
            }
            else
            {
                keep.Add(environment);
            }
        }
        foreach (var environment in Enumerable.Reverse(keep))
        {
            _idle.Push(environment);
        }
        return recycled;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_all.Values.Select(e => e.DisposeAsync().AsTask())).ConfigureAwait(false);
        Interlocked.Add(ref _retiredCpuTicks, _all.Values.Sum(e => e.CpuTicks));
        _all.Clear();
        _idle.Clear();
        _slots.Dispose();
    }

    private async Task RemoveAsync(ExecutionEnvironment environment)
    {
        if (_all.TryRemove(environment.Id, out _))
        {
            await environment.DisposeAsync().ConfigureAwait(false);
            Interlocked.Add(ref _retiredCpuTicks, environment.CpuTicks);
        }
    }
}
