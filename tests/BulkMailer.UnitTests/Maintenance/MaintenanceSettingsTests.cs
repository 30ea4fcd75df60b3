using BulkMailer.Deployment.Options;

namespace BulkMailer.UnitTests.Maintenance;

public sealed class MaintenanceSettingsTests
{
    private static DeploymentOptions Read(Dictionary<string, string> context, List<string> problems) =>
        DeploymentOptionsReader.Read(key => context.GetValueOrDefault(key), problems);

    [Fact]
    public void The_maintenance_knobs_are_read_from_their_context_keys()
    {
        var problems = new List<string>();

        var options = Read(new()
        {
            ["bulkmailer.maintenance.eventRetentionDays"] = "30",
            ["bulkmailer.maintenance.scheduleMinutes"] = "5",
            ["bulkmailer.maintenance.memoryMb"] = "512",
            ["bulkmailer.maintenance.timeoutSeconds"] = "120",
            ["bulkmailer.maintenance.codePath"] = "out/maintenance",
            ["bulkmailer.alarms.stuckJobRuns"] = "3",
        }, problems);

        Assert.Empty(problems);
        Assert.Equal(new MaintenanceSettings { EventRetentionDays = 30, ScheduleMinutes = 5, MemoryMb = 512, TimeoutSeconds = 120, CodePath = "out/maintenance" }, options.Maintenance);
        Assert.Equal(3, options.Alarms.StuckJobRuns);
    }

    [Fact]
    public void By_default_events_are_kept_ninety_days_and_one_environment_counts_one_connection()
    {
        var line = Assert.Single(DeploymentOptions.Default.ComputeBudget().Functions, f => f.Name == DeploymentOptions.MaintenanceName);

        Assert.Equal((1, 1L), (line.Concurrency, line.Connections));
        Assert.Equal((90, 15, 60, 2), (DeploymentOptions.Default.Maintenance.EventRetentionDays, DeploymentOptions.Default.Maintenance.ScheduleMinutes,
            DeploymentOptions.Default.Maintenance.TimeoutSeconds, DeploymentOptions.Default.Alarms.StuckJobRuns));
        Assert.Equal("artifacts/lambda/maintenance", DeploymentOptions.Default.Maintenance.CodePath);
    }

    [Theory]
    [InlineData(0, 15, 256, 60, "bulkmailer.maintenance.eventRetentionDays = 0")]
    [InlineData(90, 0, 256, 60, "bulkmailer.maintenance.scheduleMinutes = 0")]
    [InlineData(90, 15, 64, 60, "bulkmailer.maintenance.memoryMb = 64")]
    [InlineData(90, 15, 256, 20, "bulkmailer.maintenance.timeoutSeconds = 20")]
    public void Out_of_range_maintenance_settings_name_their_key(int retention, int schedule, int memory, int timeout, string expected)
    {
        var options = DeploymentOptions.Default with
        {
            Maintenance = new MaintenanceSettings { EventRetentionDays = retention, ScheduleMinutes = schedule, MemoryMb = memory, TimeoutSeconds = timeout },
        };

        Assert.StartsWith(expected, Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stuck_job_alarm_of_zero_runs_is_refused()
    {
        var options = DeploymentOptions.Default with { Alarms = new AlarmSettings { StuckJobRuns = 0 } };

        Assert.StartsWith("bulkmailer.alarms.stuckJobRuns = 0", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }
}
