using System.Buffers.Binary;
using BulkMailer.LocalLambda.Monitoring;
using BulkMailer.LocalLambda.Reporting;

namespace BulkMailer.UnitTests.LocalLambda;

/// <summary>The run chart's jobs panel and the sending and settle times, from recorded progress samples.</summary>
public sealed class JobsPanelTests : IDisposable
{
    // A 100-job run as the settle poll saw it: nothing, sending, all sent, verdicts arriving, settled.
    private static readonly ProgressSample[] Recorded =
    [
        new(TimeSpan.FromSeconds(0.25), 0, 0, 0),
        new(TimeSpan.FromSeconds(0.5), 10, 10, 0),
        new(TimeSpan.FromSeconds(1.5), 60, 62, 20),
        new(TimeSpan.FromSeconds(2.5), 95, 100, 70),
        new(TimeSpan.FromSeconds(3.0), 95, 100, 90),
        new(TimeSpan.FromSeconds(3.5), 95, 100, 100),
        new(TimeSpan.FromSeconds(3.75), 95, 100, 100),
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"bulkmailer-jobs-panel-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void The_jobs_panel_has_accepted_final_and_settled_lines_on_the_samples_clock()
    {
        var series = JobsPanelSeries.From(Recorded);

        Assert.Equal([JobsPanelSeries.AcceptedBySes, JobsPanelSeries.Final, JobsPanelSeries.Settled], series.Select(s => s.Label));
        Assert.All(series, s => Assert.Equal([0.25, 0.5, 1.5, 2.5, 3.0, 3.5, 3.75], s.Seconds));
        Assert.Equal([0, 10, 60, 95, 95, 95, 95], series[0].Jobs);
        Assert.Equal([0, 10, 62, 100, 100, 100, 100], series[1].Jobs);
        Assert.Equal([0, 0, 20, 70, 90, 100, 100], series[2].Jobs);
    }

    [Fact]
    public void No_samples_give_no_jobs_panel()
    {
        Assert.Empty(JobsPanelSeries.From([]));
    }

    [Fact]
    public void Sending_runs_from_the_first_to_the_last_acceptance_and_settling_from_the_start_to_every_job_settled()
    {
        var times = SettleTimes.From(Recorded, jobs: 100);

        Assert.Equal(TimeSpan.FromSeconds(2), times.Sending);
        Assert.Equal(TimeSpan.FromSeconds(3.5), times.Settle);
        Assert.Equal(1.75, times.Ratio);
    }

    [Fact]
    public void A_run_that_never_settled_has_no_settle_time_and_no_ratio()
    {
        var times = SettleTimes.From(Recorded[..5], jobs: 100);

        Assert.Equal(TimeSpan.FromSeconds(2), times.Sending);
        Assert.Null(times.Settle);
        Assert.Null(times.Ratio);
    }

    [Fact]
    public void A_run_where_ses_accepted_nothing_has_no_sending_time()
    {
        var times = SettleTimes.From([new(TimeSpan.FromSeconds(1), 0, 5, 5)], jobs: 5);

        Assert.Null(times.Sending);
        Assert.Equal(TimeSpan.FromSeconds(1), times.Settle);
        Assert.Null(times.Ratio);
    }

    [Fact]
    public void A_chart_with_the_jobs_panel_is_one_taller_png()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "connections.png");
        var connections = new ConnectionChart.Series("total", [0.25, 1.5, 3.75], [1, 6, 2]);

        ConnectionChart.WriteWithJobs(path, "Database connections over time", [connections], 6, "budget (sender + feedback concurrency)",
            JobsPanelSeries.From(Recorded), RunReportWriter.ChartWidth, RunReportWriter.ChartWithJobsHeight);

        var png = File.ReadAllBytes(path);
        Assert.True(png.Length > 1000, $"PNG is only {png.Length} bytes");
        Assert.Equal((900, 800), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }
}
