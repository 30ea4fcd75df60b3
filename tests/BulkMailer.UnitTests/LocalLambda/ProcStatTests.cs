using BulkMailer.LocalLambda.Monitoring;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>/proc/&lt;pid&gt;/stat lines recorded on this machine kind, parsed into CPU ticks.</summary>
public sealed class ProcStatTests
{
    // A frozen bench sender (JIT: the dotnet host), recorded during a bench run.
    private const string BenchSender = "41234 (dotnet) T 41000 41234 41000 0 -1 1077936128 21803 0 0 0 512 97 0 0 20 0 19 0 884512 3286859776 17421 18446744073709551615 1 1 0 0 0 0 0 4096 17630 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    // A postmaster that has reaped many backends (cutime/cstime), recorded the same way.
    private const string Postmaster = "40100 (postgres) S 1 40100 40100 0 -1 4194560 5120 880 0 0 14 9 730 412 20 0 1 0 880011 226770944 7372 18446744073709551615 1 1 0 0 0 0 0 4194304 94725 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0";

    [Fact]
    public void A_stat_line_gives_the_process_its_parent_and_its_user_and_system_ticks()
    {
        var stat = ProcStat.Parse(BenchSender);

        Assert.Equal(41234, stat.Pid);
        Assert.Equal("dotnet", stat.Command);
        Assert.Equal(41000, stat.ParentPid);
        Assert.Equal(512 + 97, stat.OwnTicks);
    }

    [Fact]
    public void A_postmaster_carries_the_ticks_of_the_backends_it_reaped()
    {
        var stat = ProcStat.Parse(Postmaster);

        Assert.Equal(14 + 9, stat.OwnTicks);
        Assert.Equal(14 + 9 + 730 + 412, stat.OwnAndReapedTicks);
    }

    [Fact]
    public void A_command_name_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        var stat = ProcStat.Parse("77 (a (b) c) R 5 77 77 0 -1 0 0 0 0 0 30 40 1 2 20 0 1 0 1 1 1 1");

        Assert.Equal("a (b) c", stat.Command);
        Assert.Equal(5, stat.ParentPid);
        Assert.Equal(70, stat.OwnTicks);
        Assert.Equal(73, stat.OwnAndReapedTicks);
    }

    [Fact]
    public void A_line_without_a_command_is_refused()
    {
        Assert.Throws<FormatException>(() => ProcStat.Parse("not a stat line"));
    }

    [Fact]
    public void Ticks_convert_to_time_at_the_clock_rate()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1230), ProcStat.ToTime(123, 100));
    }
}
