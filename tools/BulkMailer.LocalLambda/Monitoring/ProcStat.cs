using System.Globalization;
using System.Runtime.InteropServices;

namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// The CPU accounting of one Linux process, as <c>/proc/&lt;pid&gt;/stat</c> (proc(5)) reports it, in clock ticks:
/// user and system time of the process itself, and of its children it has already waited for.
/// </summary>
public readonly record struct ProcStat(int Pid, string Command, int ParentPid, long UserTicks, long SystemTicks, long ReapedChildUserTicks, long ReapedChildSystemTicks)
{
    private const int ClockTicksName = 2; // _SC_CLK_TCK on Linux

    /// <summary>Ticks per second of every tick count here (sysconf(_SC_CLK_TCK), 100 on Linux in practice).</summary>
    public static long TicksPerSecond { get; } = ReadTicksPerSecond();

    /// <summary>CPU the process itself used.</summary>
    public long OwnTicks => UserTicks + SystemTicks;

    /// <summary>CPU of the process and of its exited children (a PostgreSQL postmaster's backends that came and went).</summary>
    public long OwnAndReapedTicks => OwnTicks + ReapedChildUserTicks + ReapedChildSystemTicks;

    public static TimeSpan ToTime(long ticks, long ticksPerSecond) => TimeSpan.FromSeconds((double)ticks / ticksPerSecond);

    /// <summary>Parses one stat line; the command name is in parentheses and may itself hold spaces and parentheses.</summary>
    public static ProcStat Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            throw new FormatException("not a /proc/<pid>/stat line");
        }
        // After the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), numbered as in proc(5).
        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int number) => long.Parse(fields[number - 3], NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new ProcStat(
            int.Parse(line.AsSpan(0, open).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture),
            line[(open + 1)..close],
            (int)Field(4),
            Field(14),
            Field(15),
            Field(16),
            Field(17));
    }

    /// <summary>The process's stat now; null once it is gone (exited and reaped) or unreadable.</summary>
    public static ProcStat? TryRead(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat"));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long SysConf(int name);

    private static long ReadTicksPerSecond()
    {
        try
        {
            return SysConf(ClockTicksName) is var ticks and > 0 ? ticks : 100;
        }
        catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException)
        {
            return 100;
        }
    }
}
