using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using BulkMailer.IntegrationTests.Fixtures;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>
/// <c>bulkmailer local run</c> (and <c>bench</c>, the same harness) as a real process, stopped by a signal while it
/// sends: every process it started (the function environments, frozen or not, the emulators, the PostgreSQL cluster
/// that <c>pg_ctl</c> detached from it) must be gone when it exits, and the exit code must say the run was interrupted.
/// </summary>
public sealed class LocalRunSignalTests
{
    /// <summary>The JIT publishes (two for local run, one for the bench) and the stack's start on a loaded 2-core machine.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(8);

    /// <summary>The teardown: environments destroyed, emulators stopped, <c>pg_ctl stop -m immediate</c>.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(90);

    [Theory]
    // A rate-limited campaign (1000 jobs at 20 mails/s) is still sending long after the first batch.
    [InlineData("TERM", "local run --jit --jobs 1000 --sender-concurrency 2 --feedback-concurrency 2 --ses-max-send-rate 20 --timeout-seconds 600", "sending")]
    // The bench runs the same harness: one run of 2000 jobs at 20 mails/s, stopped during its first run.
    [InlineData("HUP", "bench --scenario account-rate --jit --concurrencies 2 --jobs-per-run 2000 --account-rate 20", "jobs against")]
    public async Task A_signal_while_sending_stops_every_process_the_run_started_and_exits_interrupted(string signal, string command, string sendingMarker)
    {
        var output = new ConcurrentQueue<string>();
        var sending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reports = Path.Combine(Path.GetTempPath(), $"signal-test-{Guid.NewGuid():N}");
        using var cli = StartCli([.. command.Split(' '), .. command.StartsWith("bench", StringComparison.Ordinal) ? ["--out", reports] : Array.Empty<string>()], line =>
            {
                output.Enqueue(line);
                if (line.Contains(sendingMarker, StringComparison.Ordinal))
                {
                    sending.TrySetResult();
                }
            });
        IReadOnlyList<ProcessEntry> started = [];
        try
        {
            await Task.WhenAny(sending.Task, cli.WaitForExitAsync()).WaitAsync(StartLimit);
            Assert.False(cli.HasExited, $"{command} ended before it sent: " + string.Join('\n', output));
            started = await SnapshotOnceSendingAsync(cli.Id);
            Assert.Contains(started, p => p.Name == "bootstrap");
            Assert.Contains(started, p => p.Name == "node");
            Assert.Contains(started, p => p.Name == "postgres");

            using (var kill = Process.Start("kill", [$"-{signal}", cli.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await cli.WaitForExitAsync().WaitAsync(StopLimit);

            var survivors = started.Where(ProcessTree.IsAlive).Select(p => $"{p.Pid} {p.Name} ({p.State})").ToList();
            Assert.True(survivors.Count == 0, $"still running after {command} exited: " + string.Join(", ", survivors));
            Assert.Equal(130, cli.ExitCode);
        }
        finally
        {
            if (Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
            // Whatever failed above, nothing this test started outlives it.
            if (!cli.HasExited)
            {
                started = [.. started, .. Snapshot(cli.Id)];
                cli.Kill(entireProcessTree: true);
            }
            foreach (var process in started.Where(ProcessTree.IsAlive))
            {
                using var kill = Process.Start("kill", ["-KILL", process.Pid.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
        }
    }

    private static Process StartCli(IReadOnlyList<string> arguments, Action<string> onLine)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "bulkmailer"))
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { onLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The run's processes once both a function environment and the cluster are up (environments start on the first batch).</summary>
    private static async Task<IReadOnlyList<ProcessEntry>> SnapshotOnceSendingAsync(int cli)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = Snapshot(cli);
            if ((snapshot.Any(p => p.Name == "bootstrap") && snapshot.Any(p => p.Name == "postgres")) || waited.Elapsed > TimeSpan.FromSeconds(120))
            {
                return snapshot;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The CLI's descendants, and the PostgreSQL server of the cluster it owns: <c>pg_ctl</c> detaches the server, so it
    /// is found through the cluster folder that records its owner's pid (<c>owner.pid</c>) and the server's (<c>postmaster.pid</c>).
    /// </summary>
    private static List<ProcessEntry> Snapshot(int cli)
    {
        var processes = new List<ProcessEntry>(ProcessTree.Descendants(cli));
        foreach (var cluster in Directory.GetDirectories(Path.GetTempPath(), "bulkmailer-pg-*"))
        {
            var owner = Path.Combine(cluster, "owner.pid");
            var server = Path.Combine(cluster, "data", "postmaster.pid");
            if (!File.Exists(owner) || File.ReadAllText(owner).Trim() != cli.ToString(CultureInfo.InvariantCulture) || !File.Exists(server))
            {
                continue;
            }
            var pid = int.Parse(File.ReadLines(server).First(), CultureInfo.InvariantCulture);
            if (ProcessTree.Read(pid) is { } postmaster)
            {
                processes.Add(postmaster);
                processes.AddRange(ProcessTree.Descendants(pid));
            }
        }
        return processes;
    }
}
