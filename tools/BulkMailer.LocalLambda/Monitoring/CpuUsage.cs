namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// CPU each process group used between two readings, and per job. "What limited throughput" is read from here:
/// the group that used most of the machine's cores over the run.
/// </summary>
public sealed record CpuUsage
{
    /// <summary>CPU milliseconds per group (<see cref="CpuProcessGroups"/>).</summary>
    public required IReadOnlyDictionary<string, double> MillisecondsByGroup { get; init; }

    /// <summary>CPU milliseconds per group ÷ the jobs; empty when no job counted.</summary>
    public required IReadOnlyDictionary<string, double> MillisecondsPerJobByGroup { get; init; }

    /// <summary>The functions' CPU milliseconds per job (null when no job counted).</summary>
    public double? FunctionMillisecondsPerJob => MillisecondsPerJobByGroup.TryGetValue(CpuProcessGroups.Functions, out var ms) ? ms : null;

    /// <summary>Share of the machine each group used over the wall time (1.0 = every core busy all the time).</summary>
    public required IReadOnlyDictionary<string, double> ShareOfMachineByGroup { get; init; }

    /// <summary>The group with the most CPU (null when nothing was used).</summary>
    public string? Busiest => MillisecondsByGroup.Where(g => g.Value > 0).OrderByDescending(g => g.Value).Select(g => g.Key).FirstOrDefault();

    /// <param name="start">Ticks per group at the start.</param>
    /// <param name="end">Ticks per group at the end; a group missing at the start counts from zero.</param>
    /// <param name="jobs">Jobs the CPU is divided over (the bench divides by the jobs done right).</param>
    public static CpuUsage Between(IReadOnlyDictionary<string, long> start, IReadOnlyDictionary<string, long> end, long ticksPerSecond, long jobs, TimeSpan wallTime, int processorCount)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        var milliseconds = end.ToDictionary(
            g => g.Key,
            // A process that exited unreaped between the readings takes its ticks with it: never below zero.
            g => Math.Max(0, g.Value - start.GetValueOrDefault(g.Key)) * 1000.0 / ticksPerSecond);
        var available = wallTime.TotalMilliseconds * processorCount;
        return new CpuUsage
        {
            MillisecondsByGroup = milliseconds,
            MillisecondsPerJobByGroup = jobs > 0 ? milliseconds.ToDictionary(g => g.Key, g => g.Value / jobs) : new Dictionary<string, double>(),
            ShareOfMachineByGroup = milliseconds.ToDictionary(g => g.Key, g => available > 0 ? g.Value / available : 0),
        };
    }
}
