namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// Which process group a process's CPU goes to. The functions' environments are counted by the local Lambda
/// service itself (they are killed and reaped, so /proc forgets them), everything else from a /proc scan.
/// </summary>
public static class CpuProcessGroups
{
    public const string Functions = "functions";

    /// <summary>This process: the local Lambda service, event source mappings, observers and the bench driver.</summary>
    public const string LocalLambdaService = "local Lambda service";

    /// <summary>fauxqs and aws-ses-v2-local: node processes this process started.</summary>
    public const string Emulators = "emulators (node)";

    /// <summary>The stack's postmaster (with the backends it already reaped) and its live backends.</summary>
    public const string PostgreSql = "PostgreSQL";

    public static IReadOnlyList<string> All { get; } = [Functions, LocalLambdaService, Emulators, PostgreSql];

    /// <summary>Clock ticks per group (functions left at zero) for the processes of one stack.</summary>
    /// <param name="selfPid">This process.</param>
    /// <param name="postgresPort">The stack's PostgreSQL port, how its postmaster is told from other clusters on the machine.</param>
    public static IReadOnlyDictionary<string, long> Classify(IEnumerable<ProcessCpuSample> processes, int selfPid, int postgresPort)
    {
        ArgumentNullException.ThrowIfNull(processes);
        var all = processes.ToList();
        var ticks = All.ToDictionary(g => g, _ => 0L);
        var port = postgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var postmaster = all.FirstOrDefault(p => p.Stat.Command == "postgres" && IsPostmasterOn(p.Arguments, port));
        foreach (var process in all)
        {
            var stat = process.Stat;
            if (stat.Pid == selfPid)
            {
                ticks[LocalLambdaService] += stat.OwnTicks;
            }
            else if (stat.ParentPid == selfPid && stat.Command == "node")
            {
                ticks[Emulators] += stat.OwnTicks;
            }
            else if (postmaster is not null && stat.Pid == postmaster.Stat.Pid)
            {
                ticks[PostgreSql] += stat.OwnAndReapedTicks;
            }
            else if (postmaster is not null && stat.ParentPid == postmaster.Stat.Pid)
            {
                ticks[PostgreSql] += stat.OwnTicks;
            }
        }
        return ticks;
    }

    private static bool IsPostmasterOn(IReadOnlyList<string> arguments, string port)
    {
        for (var i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] == "-p" && arguments[i + 1] == port)
            {
                return true;
            }
        }
        return false;
    }
}
