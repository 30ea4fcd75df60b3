using BulkMailer.Cli.Enqueue;

namespace BulkMailer.UnitTests.Client;

public sealed class CheckpointTrackerTests
{
    [Fact]
    public void The_checkpoint_only_moves_over_contiguous_settled_lines()
    {
        var tracker = new CheckpointTracker();
        for (var line = 1; line <= 5; line++)
        {
            tracker.Begin(line);
        }

        tracker.Settle(2, failed: false);
        tracker.Settle(3, failed: false);
        Assert.Equal(0, tracker.Line);

        tracker.Settle(1, failed: false);
        Assert.Equal(3, tracker.Line);
        Assert.Equal(2, tracker.InFlight);

        tracker.Settle(5, failed: false);
        Assert.Equal(3, tracker.Line);
        tracker.Settle(4, failed: false);
        Assert.Equal(5, tracker.Line);
    }

    [Fact]
    public void Skipped_lines_and_gaps_in_numbering_do_not_hold_the_checkpoint_back()
    {
        var tracker = new CheckpointTracker();
        tracker.Skip(1);
        tracker.Begin(2);
        tracker.Begin(5);
        tracker.Skip(6);

        tracker.Settle(2, failed: false);
        Assert.Equal(2, tracker.Line);
        tracker.Settle(5, failed: false);
        Assert.Equal(6, tracker.Line);
    }

    [Fact]
    public void A_failed_line_is_passed_by_the_checkpoint_and_remembered_for_the_rerun()
    {
        var tracker = new CheckpointTracker();
        tracker.Begin(1);
        tracker.Begin(2);
        tracker.Settle(1, failed: true);
        tracker.Settle(2, failed: false);

        Assert.Equal(2, tracker.Line);
        Assert.Equal([1L], tracker.FailedLines);
    }

    [Fact]
    public void A_rerun_retries_carried_failures_and_forgets_them_once_enqueued()
    {
        var tracker = new CheckpointTracker(startLine: 10, carriedFailures: [3, 7]);

        tracker.Begin(3);
        tracker.Settle(3, failed: false);
        tracker.Begin(7);
        tracker.Settle(7, failed: true);
        tracker.Begin(11);
        tracker.Settle(11, failed: false);

        Assert.Equal(11, tracker.Line);
        Assert.Equal([7L], tracker.FailedLines);
    }

    [Fact]
    public void A_line_in_flight_keeps_its_carried_failure_until_it_settles()
    {
        var tracker = new CheckpointTracker(startLine: 10, carriedFailures: [3]);

        tracker.Begin(3);

        Assert.Equal([3L], tracker.FailedLines);
    }

    [Fact]
    public void Lines_out_of_order_or_already_settled_are_refused()
    {
        var tracker = new CheckpointTracker(startLine: 4);
        tracker.Begin(6);

        Assert.Throws<InvalidOperationException>(() => tracker.Begin(5));
        Assert.Throws<InvalidOperationException>(() => tracker.Begin(2));
        Assert.Throws<InvalidOperationException>(() => tracker.Settle(9, failed: false));
    }

    [Fact]
    public void Changed_reports_whether_there_is_anything_new_to_save()
    {
        var tracker = new CheckpointTracker();
        Assert.False(tracker.Changed);

        tracker.Skip(1);
        Assert.True(tracker.Changed);

        tracker.MarkSaved();
        tracker.Begin(2);
        Assert.False(tracker.Changed);
    }
}
