using System.Text.Json;
using BulkMailer.Lambda.Observability;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Lambda;

public sealed class ObservabilityTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_log_event_is_one_json_line_with_timestamp_level_message_and_fields()
    {
        var output = new StringWriter();
        var log = new JsonLogger(output, LogSeverity.Info, Clock);

        log.Info("batch done", LogField.Of("jobs", 10), LogField.Of("durationMs", 12.5), LogField.Of("jobId", "j-1"), LogField.Of("retry", false));

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        Assert.Equal("2026-11-22T10:00:00.000Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", root.GetProperty("level").GetString());
        Assert.Equal("batch done", root.GetProperty("message").GetString());
        Assert.Equal(10, root.GetProperty("jobs").GetInt32());
        Assert.Equal(12.5, root.GetProperty("durationMs").GetDouble());
        Assert.Equal("j-1", root.GetProperty("jobId").GetString());
        Assert.False(root.GetProperty("retry").GetBoolean());
    }

    [Fact]
    public void Email_addresses_never_reach_the_log_in_full()
    {
        var output = new StringWriter();
        var log = new JsonLogger(output, LogSeverity.Info, Clock);

        log.Error("send to ada.lovelace@example.com failed", new InvalidOperationException("identity bob@acme.example not verified"), LogField.Of("to", "carol@example.org"));

        var text = output.ToString();
        Assert.DoesNotContain("ada.lovelace@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("carol@", text, StringComparison.Ordinal);
        Assert.Contains("a***@example.com", text, StringComparison.Ordinal);
        Assert.Contains("b***@acme.example", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_below_the_minimum_level_are_dropped()
    {
        var output = new StringWriter();
        var log = new JsonLogger(output, LogSeverity.Warn, Clock);

        log.Info("chatty");
        log.Debug("chattier");

        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void An_emf_line_declares_namespace_dimensions_and_units_and_carries_the_values()
    {
        var output = new StringWriter();
        var metrics = new EmfMetrics("BulkMailer", output, Clock)
            .SetDimension("FunctionName", "sender")
            .Put("sent", 7)
            .Put("batchDuration", 250, MetricUnit.Milliseconds)
            .SetProperty("campaign", "welcome");

        metrics.Flush();

        using var document = JsonDocument.Parse(output.ToString());
        var root = document.RootElement;
        var aws = root.GetProperty("_aws");
        Assert.Equal(Clock.GetUtcNow().ToUnixTimeMilliseconds(), aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("BulkMailer", directive.GetProperty("Namespace").GetString());
        Assert.Equal("FunctionName", Assert.Single(Assert.Single(directive.GetProperty("Dimensions").EnumerateArray()).EnumerateArray()).GetString());
        Assert.Equal(["sent:Count", "batchDuration:Milliseconds"],
            directive.GetProperty("Metrics").EnumerateArray().Select(m => $"{m.GetProperty("Name").GetString()}:{m.GetProperty("Unit").GetString()}"));
        Assert.Equal("sender", root.GetProperty("FunctionName").GetString());
        Assert.Equal(7, root.GetProperty("sent").GetDouble());
        Assert.Equal(250, root.GetProperty("batchDuration").GetDouble());
        Assert.Equal("welcome", root.GetProperty("campaign").GetString());
    }

    [Fact]
    public void Flushing_clears_the_metrics_so_each_invocation_writes_its_own_line()
    {
        var output = new StringWriter();
        var metrics = new EmfMetrics("BulkMailer", output, Clock).Put("sent", 1);

        metrics.Flush();
        metrics.Flush();

        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
