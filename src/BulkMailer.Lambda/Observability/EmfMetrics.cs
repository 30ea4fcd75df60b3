using System.Buffers;
using System.Text;
using System.Text.Json;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Observability;

/// <summary>
/// CloudWatch Embedded Metric Format: metrics written as one JSON log line that CloudWatch turns into metrics
/// with no API call from the function (no latency, no extra connection). Collect with <see cref="Put"/>,
/// then <see cref="Flush"/> once per invocation. Not thread-safe: one instance per invocation or per handler. A metric
/// may carry several values (<see cref="PutSamples"/>): CloudWatch counts each as one sample of the metric's
/// statistics and percentiles.
/// </summary>
public sealed class EmfMetrics
{
    private readonly string _namespace;
    private readonly TextWriter _output;
    private readonly TimeProvider _clock;
    private readonly List<KeyValuePair<string, string>> _dimensions = [];
    private readonly List<(string Name, double[] Values, bool IsArray, MetricUnit Unit)> _metrics = [];
    private readonly List<KeyValuePair<string, string>> _properties = [];

    public EmfMetrics(string metricNamespace, TextWriter? output = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(metricNamespace);
        _namespace = metricNamespace;
        _output = output ?? Console.Out;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>A dimension kept across flushes (e.g. FunctionName). Keep the set small: each combination is a billed metric.</summary>
    public EmfMetrics SetDimension(string name, string value)
    {
        _dimensions.RemoveAll(d => d.Key == name);
        _dimensions.Add(new(name, value));
        return this;
    }

    /// <summary>Sets a metric for the next line; a second Put of the same name replaces the value.</summary>
    public EmfMetrics Put(string name, double value, MetricUnit unit = MetricUnit.Count)
    {
        _metrics.RemoveAll(m => m.Name == name);
        _metrics.Add((name, [value], false, unit));
        return this;
    }

    /// <summary>
    /// Sets a metric of several values for the next line, written as a JSON array (each value one sample for
    /// CloudWatch's statistics and percentiles); more than <see cref="EmfSampleReduction.MaxValues"/> values, EMF's limit
    /// per metric, are reduced by <see cref="EmfSampleReduction.EvenlySpacedRanks"/>. No values: nothing is set.
    /// </summary>
    public EmfMetrics PutSamples(string name, IReadOnlyCollection<double> values, MetricUnit unit = MetricUnit.Count)
    {
        ArgumentNullException.ThrowIfNull(values);
        _metrics.RemoveAll(m => m.Name == name);
        if (values.Count > 0)
        {
            _metrics.Add((name, [.. EmfSampleReduction.EvenlySpacedRanks(values)], true, unit));
        }
        return this;
    }

    /// <summary>A searchable, non-metric member of the next line (e.g. a batch id).</summary>
    public EmfMetrics SetProperty(string name, string value)
    {
        _properties.RemoveAll(p => p.Key == name);
        _properties.Add(new(name, value));
        return this;
    }

    /// <summary>Writes one EMF line with the collected metrics and clears metrics and properties (dimensions stay).</summary>
    public void Flush()
    {
        if (_metrics.Count == 0)
        {
            return;
        }
        _output.WriteLine(Render());
        _output.Flush();
        _metrics.Clear();
        _properties.Clear();
    }

    /// <summary>The line <see cref="Flush"/> would write.</summary>
    public string Render()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_aws");
            writer.WriteNumber("Timestamp", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            writer.WriteStartArray("CloudWatchMetrics");
            writer.WriteStartObject();
            writer.WriteString("Namespace", _namespace);
            writer.WriteStartArray("Dimensions");
            writer.WriteStartArray();
            foreach (var dimension in _dimensions)
            {
                writer.WriteStringValue(dimension.Key);
            }
            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WriteStartArray("Metrics");
            foreach (var metric in _metrics)
            {
                writer.WriteStartObject();
                writer.WriteString("Name", metric.Name);
                writer.WriteString("Unit", UnitName(metric.Unit));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            foreach (var dimension in _dimensions)
            {
                writer.WriteString(dimension.Key, dimension.Value);
            }
            foreach (var metric in _metrics)
            {
                if (!metric.IsArray)
                {
                    writer.WriteNumber(metric.Name, Finite(metric.Values[0]));
                    continue;
                }
                writer.WriteStartArray(metric.Name);
                foreach (var value in metric.Values)
                {
                    writer.WriteNumberValue(Finite(value));
                }
                writer.WriteEndArray();
            }
            foreach (var property in _properties)
            {
                writer.WriteString(property.Key, EmailRedaction.Redact(property.Value));
            }
            if (InvocationScope.CurrentRequestId is { } requestId && _properties.TrueForAll(p => p.Key != "requestId"))
            {
                writer.WriteString("requestId", requestId);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static string UnitName(MetricUnit unit) => unit switch
    {
        MetricUnit.Count => "Count",
        MetricUnit.Milliseconds => "Milliseconds",
        MetricUnit.Seconds => "Seconds",
        MetricUnit.Bytes => "Bytes",
        MetricUnit.CountPerSecond => "Count/Second",
        _ => "None",
    };
}
