using System.Text.Json;

namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>One mail in aws-ses-v2-local's store: what the simulator needs of it.</summary>
/// <param name="At">When the emulator accepted it, in epoch seconds (the store's resolution).</param>
public sealed record StoredMail(string MessageId, string From, IReadOnlyList<string> Recipients, long At)
{
    /// <summary>The mails in a <c>GET /store</c> response (<c>{templates, emails:[...]}</c>); entries without a message id are skipped.</summary>
    public static IReadOnlyList<StoredMail> ParseStore(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("emails", out var emails) || emails.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("the SES store response has no emails array");
        }
        var mails = new List<StoredMail>(emails.GetArrayLength());
        foreach (var email in emails.EnumerateArray())
        {
            if (String(email, "messageId") is not { Length: > 0 } messageId)
            {
                continue;
            }
            var recipients = new List<string>();
            if (email.TryGetProperty("destination", out var destination) && destination.ValueKind == JsonValueKind.Object)
            {
                // SES publishes an event per mail covering every envelope recipient; one job is one To address,
                // but cc/bcc are accepted by SES too, so they get their outcomes as well.
                foreach (var field in (string[])["to", "cc", "bcc"])
                {
                    if (destination.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        recipients.AddRange(list.EnumerateArray().Select(e => e.GetString()).OfType<string>().Where(s => s.Length > 0));
                    }
                }
            }
            var at = email.TryGetProperty("at", out var atElement) && atElement.ValueKind == JsonValueKind.Number ? atElement.GetInt64() : 0;
            mails.Add(new StoredMail(messageId, String(email, "from") ?? "", recipients, at));
        }
        return mails;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
