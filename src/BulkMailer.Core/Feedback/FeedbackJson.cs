using System.Text.Json;

namespace BulkMailer.Core.Feedback;

/// <summary>The JSON reading the feedback parser needs, with errors that never quote the body.</summary>
internal static class FeedbackJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static bool IsSesEvent(JsonElement root) =>
        root.TryGetProperty("eventType", out _) || root.TryGetProperty("notificationType", out _);

    public static bool TryParseJson(string text, out JsonDocument document, out string error)
    {
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            document = null!;
            // The exception's message can quote the body; position is enough to find the fault in the raw row.
            error = $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}";
            return false;
        }
    }

    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
