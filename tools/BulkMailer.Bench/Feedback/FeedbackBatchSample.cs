using System.Text.Json;

namespace BulkMailer.Bench.Feedback;

/// <summary>
/// One feedback batch as the function itself reported it: the EMF line its batch processor writes per invocation
/// (src/BulkMailer.Lambda/Processing/SqsBatchProcessor.cs) — events parsed, rows inserted, database round trips,
/// and how long the batch took inside the function.
/// </summary>
public sealed record FeedbackBatchSample(int Events, int Inserted, int RoundTrips, double DurationMs)
{
    /// <summary>The sample in one log line; null for a line that is not a feedback batch's metrics.</summary>
    public static FeedbackBatchSample? FromEmfLine(string line)
    {
        if (string.IsNullOrEmpty(line) || !line.Contains("\"DbRoundTrips\"", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("_aws", out _)
                || Number(root, "Events") is not { } events || Number(root, "DbRoundTrips") is not { } roundTrips)
            {
                return null;
            }
            return new FeedbackBatchSample((int)events, (int)(Number(root, "EventsInserted") ?? 0), (int)roundTrips, Number(root, "BatchDuration") ?? 0);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
