using BulkMailer.Bench.AccountRate;

namespace BulkMailer.UnitTests.Bench;

/// <summary>The account-rate bench's permit waits: read from the senders' EMF lines, summarised by nearest rank.</summary>
public sealed class SenderPermitWaitLogTests
{
    // Recorded from a governed sender environment's log at BULKMAILER_LOG_LEVEL=warn (EMF lines are not log events, so
    // the level keeps them), with a warning, a line cut short by a destroyed environment and a batch that sent nothing.
    private static readonly string[] Lines =
    [
        """{"_aws":{"Timestamp":1796407800000,"CloudWatchMetrics":[{"Namespace":"BulkMailer","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Sent","Unit":"Count"},{"Name":"SendPermitWait","Unit":"Milliseconds"},{"Name":"HandedBack","Unit":"Count"}]}]},"FunctionName":"rate-governor-4","Sent":4,"SendPermitWait":[0,20,40,60],"HandedBack":0,"requestId":"r-1"}""",
        """{"timestamp":"2026-12-04T18:10:00.000Z","level":"WARN","requestId":"r-2","message":"send did not succeed","jobId":"rate/x/000003","outcome":"Transient","error":"TooManyRequestsException: Maximum sending rate exceeded."}""",
        """{"_aws":{"Timestamp":1796407800100,"CloudWatchMetrics":[{"Namespace":"BulkMailer","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Sent","Unit":"Count"},{"Name":"SendPermitWait","Unit":"Milliseconds"}]}]},"FunctionName":"rate-governor-4","Sent":6,"SendPermitWait":[80,100,120,140,160,980],"requestId":"r-2"}""",
        """{"_aws":{"Timestamp":1796407800200,"CloudWatchMetrics":[{"Namespace":"BulkMailer","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Sent","Unit":"Count"},{"Name":"SendPer""",
        """{"_aws":{"Timestamp":1796407800300,"CloudWatchMetrics":[{"Namespace":"BulkMailer","Dimensions":[["FunctionName"]],"Metrics":[{"Name":"Sent","Unit":"Count"}]}]},"FunctionName":"rate-governor-4","Sent":0,"requestId":"r-3"}""",
    ];

    [Fact]
    public void Every_value_of_every_send_permit_wait_array_is_one_sample_and_other_lines_add_none()
    {
        Assert.Equal([0, 20, 40, 60, 80, 100, 120, 140, 160, 980], SenderPermitWaitLog.Waits(Lines));
    }

    [Fact]
    public void The_summary_takes_p50_and_p95_by_nearest_rank_and_the_maximum()
    {
        // Ten samples: p50 is rank ⌈5⌉ = 5 (80 ms), p95 rank ⌈9.5⌉ = 10 (980 ms).
        Assert.Equal(new PermitWaitSummary(10, 80, 980, 980), PermitWaitSummary.Of(SenderPermitWaitLog.Waits(Lines)));
        // Twenty samples 1 … 20: p95 is rank 19.
        Assert.Equal(new PermitWaitSummary(20, 10, 19, 20), PermitWaitSummary.Of(Enumerable.Range(1, 20).Select(v => (double)v).Reverse()));
    }

    [Fact]
    public void A_run_without_samples_has_no_percentiles()
    {
        Assert.Equal(new PermitWaitSummary(0, null, null, null), PermitWaitSummary.Of([]));
        Assert.Equal(0, SenderPermitWaitLog.Read(Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}")).Samples);
    }

    [Fact]
    public void The_log_files_of_a_run_directory_are_read_together()
    {
        var directory = Directory.CreateTempSubdirectory("permit-wait-log-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(directory, "rate-governor-4-001.log"), Lines[..2]);
            File.WriteAllLines(Path.Combine(directory, "rate-governor-4-002.log"), Lines[2..]);
            File.WriteAllText(Path.Combine(directory, "notes.txt"), Lines[0]);

            Assert.Equal(new PermitWaitSummary(10, 80, 980, 980), SenderPermitWaitLog.Read(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
