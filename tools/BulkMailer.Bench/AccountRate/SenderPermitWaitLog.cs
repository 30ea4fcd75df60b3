using System.Text.Json;
using BulkMailer.Lambda.Observability;

namespace BulkMailer.Bench.AccountRate;

/// <summary>
/// Reads the sent jobs' permit waits back from the sender environments' logs: every governed invocation writes one
/// EMF line whose <see cref="SenderMetricNames.SendPermitWait"/> array holds a wait per sent job (milliseconds). The
/// EMF writer writes to stdout whatever the log level, so the bench's <c>BULKMAILER_LOG_LEVEL=warn</c> keeps them.
/// A batch of more than 100 sent jobs writes 100 values at evenly spaced ranks (<see cref="EmfSampleReduction"/>); the
/// bench's batches are far smaller, so there every sent job is one sample.
/// </summary>
public static class SenderPermitWaitLog
{
    /// <summary>The waits in the <c>*.log</c> files of <paramref name="directory"/>, summarised (no samples when it does not exist).</summary>
    public static PermitWaitSummary Read(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return PermitWaitSummary.Of(Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.log").SelectMany(file => Waits(File.ReadLines(file)))
            : []);
    }

    /// <summary>Every value of the <see cref="SenderMetricNames.SendPermitWait"/> arrays of the EMF lines among <paramref name="lines"/>.</summary>
    public static IEnumerable<double> Waits(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var key = $"\"{SenderMetricNames.SendPermitWait}\":";
        foreach (var line in lines)
        {
            if (!line.StartsWith('{') || !line.Contains(key, StringComparison.Ordinal) || Parse(line) is not { } root)
            {
                continue;
            }
            using (root)
            {
                if (root.RootElement.TryGetProperty("_aws", out _) && root.RootElement.TryGetProperty(SenderMetricNames.SendPermitWait, out var waits))
                {
                    foreach (var wait in waits.ValueKind == JsonValueKind.Array ? [.. waits.EnumerateArray()] : new[] { waits })
                    {
                        yield return wait.GetDouble();
                    }
                }
            }
        }
    }

    /// <summary>The line as JSON; null for a line cut short (an environment destroyed mid-write).</summary>
    private static JsonDocument? Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
