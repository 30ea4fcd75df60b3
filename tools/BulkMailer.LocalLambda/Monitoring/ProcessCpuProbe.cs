using System.Globalization;

namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// Reads the CPU ticks of a local stack's process groups: this process, its node emulators and its PostgreSQL from
/// /proc, the functions from the local Lambda service's own count (<paramref name="functionTicks"/>). Linux only.
/// </summary>
public sealed class ProcessCpuProbe(int postgresPort, Func<long> functionTicks)
{
    /// <summary>Ticks per group now (see <see cref="CpuProcessGroups.Classify"/>).</summary>
    public IReadOnlyDictionary<string, long> Read()
    {
        var processes = new List<ProcessCpuSample>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) || ProcStat.TryRead(pid) is not { } stat)
            {
                continue;
            }
            // Only a postmaster needs its command line (its -p tells it from other clusters on the machine).
            processes.Add(new ProcessCpuSample(stat, stat.Command == "postgres" ? Arguments(pid) : []));
        }
        var ticks = new Dictionary<string, long>(CpuProcessGroups.Classify(processes, Environment.ProcessId, postgresPort))
        {
            [CpuProcessGroups.Functions] = functionTicks(),
        };
        return ticks;
    }

    private static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
