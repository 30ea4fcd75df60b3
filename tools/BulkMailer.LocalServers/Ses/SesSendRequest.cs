using System.Text.Json;

namespace BulkMailer.LocalServers.Ses;

/// <summary>
/// What an SES front needs of a SendEmail or SendBulkEmail body: per mail, its To addresses and the message tags SES
/// keeps with it. SendEmail: <c>EmailTags</c>. SendBulkEmail: <c>DefaultEmailTags</c>, each entry's
/// <c>ReplacementTags</c> replacing a default of the same name (an entry's replacements win over the call's defaults,
/// as its replacement headers and template data do). Both: the call's <c>ConfigurationSetName</c> as
/// <c>ses:configuration-set</c>, the tag SES adds itself.
/// </summary>
internal sealed class SesSendRequest
{
    private SesSendRequest(List<(IReadOnlyList<string> To, IReadOnlyDictionary<string, string> Tags)> mails) => Mails = mails;

    /// <summary>One item per mail, in request order (bulk: the entries').</summary>
    public IReadOnlyList<(IReadOnlyList<string> To, IReadOnlyDictionary<string, string> Tags)> Mails { get; }

    public static SesSendRequest Parse(string body, bool bulk)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var common = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("ConfigurationSetName", out var set) && set.ValueKind == JsonValueKind.String && set.GetString() is { Length: > 0 } name)
        {
            common["ses:configuration-set"] = name;
        }
        if (!bulk)
        {
            return new SesSendRequest([(To(root), Merge(common, root, "EmailTags"))]);
        }
        var defaults = Merge(common, root, "DefaultEmailTags");
        var mails = new List<(IReadOnlyList<string>, IReadOnlyDictionary<string, string>)>();
        if (root.TryGetProperty("BulkEmailEntries", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            mails.AddRange(entries.EnumerateArray().Select(entry => ((IReadOnlyList<string>)To(entry), (IReadOnlyDictionary<string, string>)Merge(defaults, entry, "ReplacementTags"))));
        }
        return new SesSendRequest(mails);
    }

    /// <summary>SES's message ids in a 200 answer, one per mail in request order; null for a bulk entry that was not sent.</summary>
    public static IReadOnlyList<string?> MessageIds(string answer, bool bulk)
    {
        using var document = JsonDocument.Parse(answer);
        var root = document.RootElement;
        if (!bulk)
        {
            return [Text(root, "MessageId")];
        }
        return root.TryGetProperty("BulkEmailEntryResults", out var results) && results.ValueKind == JsonValueKind.Array
            ? [.. results.EnumerateArray().Select(r => Text(r, "Status") == "SUCCESS" ? Text(r, "MessageId") : null)]
            : [];
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> under, JsonElement element, string property)
    {
        var tags = new Dictionary<string, string>(under, StringComparer.Ordinal);
        if (element.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in list.EnumerateArray())
            {
                if (Text(tag, "Name") is { Length: > 0 } name && Text(tag, "Value") is { } value)
                {
                    tags[name] = value;
                }
            }
        }
        return tags;
    }

    private static List<string> To(JsonElement element) =>
        element.TryGetProperty("Destination", out var destination) && destination.ValueKind == JsonValueKind.Object
            && destination.TryGetProperty("ToAddresses", out var to) && to.ValueKind == JsonValueKind.Array
            ? [.. to.EnumerateArray().Select(a => a.GetString()).OfType<string>()]
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
