using BulkMailer.Sender.Policy;

namespace BulkMailer.UnitTests.Sender;

/// <summary>The back-off of a job handed back for an account-level stop, one test per row of the schedule.</summary>
public sealed class HandBackScheduleTests
{
    private static readonly HandBackSchedule Deployed = HandBackSchedule.Default;

    [Fact]
    public void The_deployed_schedule_starts_at_the_deployed_visibility_timeout_and_stops_at_two_hours() =>
        Assert.Equal(new HandBackSchedule(TimeSpan.FromSeconds(180), TimeSpan.FromHours(2)), Deployed);

    [Fact]
    public void After_the_first_receive_a_job_waits_the_first_delay() =>
        Assert.Equal(TimeSpan.FromMinutes(3), Deployed.DelayAfter(1));

    [Fact]
    public void A_record_without_a_receive_count_waits_as_after_its_first_receive() =>
        Assert.Equal(TimeSpan.FromMinutes(3), Deployed.DelayAfter(0));

    [Fact]
    public void Every_further_receive_doubles_the_wait() =>
        Assert.Equal([6, 12, 24, 48], new[] { 2, 3, 4, 5 }.Select(n => Deployed.DelayAfter(n).TotalMinutes));

    [Fact]
    public void The_wait_never_exceeds_the_longest_delay() =>
        Assert.Equal(TimeSpan.FromHours(2), Deployed.DelayAfter(7));

    [Fact]
    public void A_huge_receive_count_neither_overflows_nor_exceeds_the_longest_delay() =>
        Assert.Equal(TimeSpan.FromHours(2), Deployed.DelayAfter(int.MaxValue));

    [Fact]
    public void A_longest_delay_above_what_SQS_allows_is_cut_to_the_SQS_limit() =>
        Assert.Equal(HandBackSchedule.SqsMaximum, new HandBackSchedule(TimeSpan.FromHours(1), TimeSpan.FromHours(24)).DelayAfter(10));
}
