using System.Text.Json;
using System.Text.RegularExpressions;

namespace BulkMailer.TestSupport.Ses;

/// <summary>
/// The input rules of SES v2's model that a send request can break (message tags and message headers), checked the way
/// SES does before it sends anything: one broken rule anywhere in the request refuses the whole request with 400
/// BadRequestException — for SendBulkEmail, every entry of the call.
/// </summary>
internal static partial class SesModelRules
{
    /// <summary>The first rule the SendEmail or SendBulkEmail body breaks, or null.</summary>
    public static string? FirstBroken(string body, bool bulk)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!bulk)
        {
            return Tags(root, "EmailTags") ?? Headers(Content(root, "Content", "Simple")) ?? Headers(Content(root, "Content", "Template"));
        }
        var broken = Tags(root, "DefaultEmailTags") ?? Headers(Content(root, "DefaultContent", "Template"));
        if (broken is null && root.TryGetProperty("BulkEmailEntries", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                broken ??= Tags(entry, "ReplacementTags") ?? Headers(entry.TryGetProperty("ReplacementHeaders", out var h) ? h : default);
            }
        }
        return broken;
    }

    private static JsonElement Content(JsonElement root, string content, string kind) =>
        root.TryGetProperty(content, out var c) && c.TryGetProperty(kind, out var k) && k.TryGetProperty("Headers", out var headers) ? headers : default;

    private static string? Tags(JsonElement owner, string property)
    {
        if (!owner.TryGetProperty(property, out var tags) || tags.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var tag in tags.EnumerateArray())
        {
            if (!TagText().IsMatch(Text(tag, "Name")) || !TagText().IsMatch(Text(tag, "Value")))
            {
                return "Invalid message tag: names and values may contain only ASCII letters, numbers, underscores and dashes (at most 256).";
            }
        }
        return null;
    }

    private static string? Headers(JsonElement headers)
    {
        if (headers.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        if (headers.GetArrayLength() > 15)
        {
            return "Too many headers: at most 15.";
        }
        foreach (var header in headers.EnumerateArray())
        {
            var (name, value) = (Text(header, "Name"), Text(header, "Value"));
            if (!HeaderName().IsMatch(name) || !HeaderValue().IsMatch(value) || name.Length + value.Length > 996)
            {
                return $"Invalid header: {name}";
            }
        }
        return null;
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TagText();

    [GeneratedRegex("^[!-9;-@A-~]{1,126}$")]
    private static partial Regex HeaderName();

    [GeneratedRegex("^[ -~]{1,995}$")]
    private static partial Regex HeaderValue();
}
