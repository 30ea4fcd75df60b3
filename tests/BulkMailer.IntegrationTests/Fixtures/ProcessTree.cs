using System.Globalization;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// Processes read from <c>/proc</c>: the descendants of a process and whether a process seen earlier is still the
/// same live process. A process is named by pid and start time (clock ticks since boot), so a pid the kernel reuses
/// after the process ended never counts as the old one; a zombie counts as ended.
/// </summary>
public static class ProcessTree
{
    /// <summary>Every live process now.</summary>
    public static IReadOnlyList<ProcessEntry> All() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<ProcessEntry>()];

    /// <summary><paramref name="root"/>'s children, their children and so on (not <paramref name="root"/> itself).</summary>
    public static IReadOnlyList<ProcessEntry> Descendants(int root)
    {
        var all = All();
        var found = new List<ProcessEntry>();
        var parents = new Queue<int>([root]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in all.Where(p => p.ParentPid == parent))
            {
                found.Add(child);
                parents.Enqueue(child.Pid);
            }
        }
        return found;
    }

    /// <summary>The process <paramref name="pid"/>, null when there is none (or it ended between listing and reading).</summary>
    public static ProcessEntry? Read(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after its last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return new ProcessEntry(
            pid,
            long.Parse(fields[19], CultureInfo.InvariantCulture),
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            stat[(open + 1)..close],
            fields[0][0]);
    }

    /// <summary>True while the process seen as <paramref name="entry"/> runs (or is stopped): same pid, same start time, not a zombie.</summary>
    public static bool IsAlive(ProcessEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Read(entry.Pid) is { } now && now.StartTicks == entry.StartTicks && now.State != 'Z' && now.State != 'X';
    }
}
