using BulkMailer.Bench.Running;

namespace BulkMailer.UnitTests.Bench;

/// <summary>Goodput on the counts of recorded bench runs (docs/bench/bench.json, 5 000 jobs per variant).</summary>
public sealed class GoodputAccountTests
{
    private static GoodputAccount Recorded(long final, long inDlq, long duplicatedJobs, double seconds) => new()
    {
        Jobs = 5000,
        Final = final,
        InDlq = inDlq,
        DuplicatedJobs = duplicatedJobs,
        Duration = TimeSpan.FromSeconds(seconds),
    };

    [Fact]
    public void A_variant_that_finished_every_job_has_all_of_them_as_goodput()
    {
        var design = Recorded(final: 5000, inDlq: 0, duplicatedJobs: 0, seconds: 23.0662782);

        Assert.Equal(5000, design.Good);
        Assert.Equal(216.77, design.GoodputPerSecond, 2);
        Assert.Equal(design.GoodputPerSecond, design.SettledPerSecond);
    }

    [Fact]
    public void Dead_lettered_jobs_count_as_settled_but_not_as_goodput()
    {
        var connectionPerInvocation = Recorded(final: 350, inDlq: 4650, duplicatedJobs: 0, seconds: 85.6768663);

        Assert.Equal(350, connectionPerInvocation.Good);
        Assert.Equal(4.09, connectionPerInvocation.GoodputPerSecond, 2);
        Assert.Equal(58.36, connectionPerInvocation.SettledPerSecond, 2);
    }

    [Fact]
    public void A_variant_cannot_beat_the_design_by_dead_lettering_its_jobs_quickly()
    {
        var design = Recorded(final: 5000, inDlq: 0, duplicatedJobs: 0, seconds: 23.07);
        var fastFailure = Recorded(final: 350, inDlq: 4650, duplicatedJobs: 0, seconds: 10);

        Assert.True(fastFailure.SettledPerSecond > design.SettledPerSecond);
        Assert.True(fastFailure.GoodputPerSecond < design.GoodputPerSecond);
    }

    [Fact]
    public void Duplicated_and_pending_jobs_are_left_out_of_goodput()
    {
        var poolOfFive = Recorded(final: 3289, inDlq: 0, duplicatedJobs: 53, seconds: 150.9358908);

        Assert.Equal(3236, poolOfFive.Good);
        Assert.Equal(1711, poolOfFive.Pending);
        Assert.Equal(21.44, poolOfFive.GoodputPerSecond, 2);
    }

    [Fact]
    public void Jobs_both_final_and_dead_lettered_are_counted_against_goodput()
    {
        var overlapping = Recorded(final: 5000, inDlq: 40, duplicatedJobs: 0, seconds: 50);

        Assert.Equal(4960, overlapping.Good);
        Assert.Equal(0, overlapping.Pending);
        Assert.Equal(100, overlapping.SettledPerSecond);
    }

    [Fact]
    public void A_variant_with_no_duration_has_no_rate()
    {
        var notStarted = Recorded(final: 0, inDlq: 0, duplicatedJobs: 0, seconds: 0);

        Assert.Equal(0, notStarted.GoodputPerSecond);
        Assert.Equal(0, notStarted.SettledPerSecond);
        Assert.Equal(5000, notStarted.Pending);
    }

    [Fact]
    public void A_recipient_accepted_three_times_is_one_duplicated_job()
    {
        string[] accepted = ["r1.design@example.com", "R1.design@example.com", "r1.design@example.com", "r2.design@example.com", "r3.design@example.com", "r3.design@example.com"];

        Assert.Equal(2, GoodputAccount.CountDuplicatedJobs(accepted));
    }
}
