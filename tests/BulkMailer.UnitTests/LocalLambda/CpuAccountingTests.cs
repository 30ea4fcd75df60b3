using BulkMailer.LocalLambda.Monitoring;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>CPU split by process group, on a process table and readings recorded around one bench variant.</summary>
public sealed class CpuAccountingTests
{
    private const int Self = 41000;
    private const int PostgresPort = 54017;

    private static ProcessCpuSample Process(int pid, string command, int parent, long user, long system, long reapedUser = 0, long reapedSystem = 0, params string[] arguments) =>
        new(new ProcStat(pid, command, parent, user, system, reapedUser, reapedSystem), arguments);

    private static IReadOnlyList<ProcessCpuSample> Recorded() =>
    [
        Process(Self, "dotnet", 1, user: 900, system: 300),
        Process(41010, "node", Self, user: 200, system: 50),
        Process(41011, "node", Self, user: 120, system: 30),
        Process(40100, "postgres", 1, user: 10, system: 5, reapedUser: 300, reapedSystem: 100, "/usr/lib/postgresql/15/bin/postgres", "-D", "/tmp/pg/data", "-p", "54017", "-c", "listen_addresses=127.0.0.1"),
        Process(40101, "postgres", 40100, user: 40, system: 20),
        Process(40102, "postgres", 40100, user: 60, system: 30),
        // Another helper's cluster on the same machine: not this stack's.
        Process(39000, "postgres", 1, user: 5000, system: 5000, reapedUser: 9000, reapedSystem: 9000, "/usr/lib/postgresql/15/bin/postgres", "-D", "/tmp/other/data", "-p", "54999"),
        Process(39001, "postgres", 39000, user: 700, system: 700),
        // A function environment: counted by the local Lambda service, never by the scan.
        Process(41234, "dotnet", Self, user: 512, system: 97),
        // A node process someone else started.
        Process(38000, "node", 1, user: 4000, system: 100),
    ];

    [Fact]
    public void Every_process_of_the_stack_goes_to_its_group_and_nothing_else_is_counted()
    {
        var ticks = CpuProcessGroups.Classify(Recorded(), Self, PostgresPort);

        Assert.Equal(1200, ticks[CpuProcessGroups.LocalLambdaService]);
        Assert.Equal(400, ticks[CpuProcessGroups.Emulators]);
        Assert.Equal(15 + 400 + 60 + 90, ticks[CpuProcessGroups.PostgreSql]);
        Assert.Equal(0, ticks[CpuProcessGroups.Functions]);
    }

    [Fact]
    public void Without_the_stacks_postmaster_no_postgres_process_is_counted()
    {
        var ticks = CpuProcessGroups.Classify(Recorded(), Self, postgresPort: 1);

        Assert.Equal(0, ticks[CpuProcessGroups.PostgreSql]);
    }

    [Fact]
    public void Usage_is_the_difference_of_two_readings_divided_over_the_jobs()
    {
        var start = new Dictionary<string, long> { [CpuProcessGroups.Functions] = 0, [CpuProcessGroups.LocalLambdaService] = 1200, [CpuProcessGroups.Emulators] = 400, [CpuProcessGroups.PostgreSql] = 565 };
        var end = new Dictionary<string, long> { [CpuProcessGroups.Functions] = 1500, [CpuProcessGroups.LocalLambdaService] = 2000, [CpuProcessGroups.Emulators] = 1400, [CpuProcessGroups.PostgreSql] = 865 };

        var usage = CpuUsage.Between(start, end, ticksPerSecond: 100, jobs: 5000, wallTime: TimeSpan.FromSeconds(25), processorCount: 2);

        Assert.Equal(15_000, usage.MillisecondsByGroup[CpuProcessGroups.Functions]);
        Assert.Equal(3.0, usage.FunctionMillisecondsPerJob);
        Assert.Equal(1.6, usage.MillisecondsPerJobByGroup[CpuProcessGroups.LocalLambdaService], 6);
        Assert.Equal(2.0, usage.MillisecondsPerJobByGroup[CpuProcessGroups.Emulators], 6);
        Assert.Equal(0.6, usage.MillisecondsPerJobByGroup[CpuProcessGroups.PostgreSql], 6);
        Assert.Equal(0.3, usage.ShareOfMachineByGroup[CpuProcessGroups.Functions], 6);
        Assert.Equal(CpuProcessGroups.Functions, usage.Busiest);
    }

    [Fact]
    public void A_group_that_lost_ticks_between_readings_counts_zero_not_negative()
    {
        var usage = CpuUsage.Between(
            new Dictionary<string, long> { [CpuProcessGroups.PostgreSql] = 900 },
            new Dictionary<string, long> { [CpuProcessGroups.PostgreSql] = 700 },
            ticksPerSecond: 100, jobs: 10, wallTime: TimeSpan.FromSeconds(1), processorCount: 2);

        Assert.Equal(0, usage.MillisecondsByGroup[CpuProcessGroups.PostgreSql]);
        Assert.Null(usage.Busiest);
    }

    [Fact]
    public void With_no_job_done_there_is_no_cost_per_job()
    {
        var usage = CpuUsage.Between(
            new Dictionary<string, long> { [CpuProcessGroups.Functions] = 0 },
            new Dictionary<string, long> { [CpuProcessGroups.Functions] = 800 },
            ticksPerSecond: 100, jobs: 0, wallTime: TimeSpan.FromSeconds(10), processorCount: 2);

        Assert.Null(usage.FunctionMillisecondsPerJob);
        Assert.Equal(8000, usage.MillisecondsByGroup[CpuProcessGroups.Functions]);
    }
}
