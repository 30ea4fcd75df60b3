using System.Text.Json;
using BulkMailer.Lambda.Observability;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Lambda;

/// <summary>EMF metrics of several values: the JSON array CloudWatch reads as samples, and the reduction to EMF's 100 values.</summary>
public sealed class EmfSampleTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 12, 4, 18, 0, 0, TimeSpan.Zero));

    private static JsonElement Line(StringWriter output) => JsonDocument.Parse(Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;

    [Fact]
    public void A_metric_of_several_values_is_written_as_a_json_array_beside_single_values_with_its_unit()
    {
        var output = new StringWriter();

        new EmfMetrics("BulkMailer", output, Clock).Put("Sent", 3).PutSamples("SendPermitWait", [40, 0, 12.5], MetricUnit.Milliseconds).Flush();

        var root = Line(output);
        Assert.Equal(["Sent:Count", "SendPermitWait:Milliseconds"],
            root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
                .Select(m => $"{m.GetProperty("Name").GetString()}:{m.GetProperty("Unit").GetString()}"));
        Assert.Equal(3, root.GetProperty("Sent").GetDouble());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("SendPermitWait").ValueKind);
        Assert.Equal([0, 12.5, 40], root.GetProperty("SendPermitWait").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void No_values_leave_the_metric_out_of_the_line()
    {
        var output = new StringWriter();

        new EmfMetrics("BulkMailer", output, Clock).Put("Sent", 0).PutSamples("SendPermitWait", [], MetricUnit.Milliseconds).Flush();

        var root = Line(output);
        Assert.False(root.TryGetProperty("SendPermitWait", out _));
        Assert.Single(root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray());
    }

    [Fact]
    public void More_than_100_values_are_written_as_100_taken_at_evenly_spaced_ranks_from_the_smallest_to_the_largest()
    {
        var output = new StringWriter();
        // 1 … 1000 in a scrambled order (7 is prime to 1000, so k·7 mod 1000 visits every residue once).
        var values = Enumerable.Range(0, 1000).Select(k => (double)(k * 7 % 1000 + 1)).ToList();

        new EmfMetrics("BulkMailer", output, Clock).PutSamples("SendPermitWait", values, MetricUnit.Milliseconds).Flush();

        var written = Line(output).GetProperty("SendPermitWait").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(EmfSampleReduction.MaxValues, written.Count);
        // Rank round(k · 999 / 99) of 1 … 1000 is that value minus one.
        Assert.Equal(Enumerable.Range(0, 100).Select(k => Math.Round(k * 999 / 99.0, MidpointRounding.AwayFromZero) + 1), written);
    }

    [Fact]
    public void The_reduction_keeps_each_value_as_often_as_its_share_of_the_set_so_the_percentiles_stay()
    {
        // 900 jobs sent at once and 100 that waited 5 s: p90 is 0 and p95 is 5 s in the whole set and in the reduction.
        var values = Enumerable.Repeat(0.0, 900).Concat(Enumerable.Repeat(5000.0, 100)).ToList();

        var reduced = EmfSampleReduction.EvenlySpacedRanks(values);

        Assert.Equal(100, reduced.Count);
        Assert.Equal(90, reduced.Count(v => v == 0));
        Assert.Equal(10, reduced.Count(v => v == 5000));
    }

    [Fact]
    public void At_most_100_values_are_kept_all_sorted()
    {
        Assert.Equal([1, 2, 3], EmfSampleReduction.EvenlySpacedRanks([3, 1, 2]));
        Assert.Equal(100, EmfSampleReduction.EvenlySpacedRanks(Enumerable.Range(0, 100).Select(v => (double)v)).Count);
    }
}
