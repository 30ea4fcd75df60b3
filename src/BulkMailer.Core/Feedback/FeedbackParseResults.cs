using System.Text.Json;
using BulkMailer.Core.Ses;

namespace BulkMailer.Core.Feedback;

/// <summary>The parse results that are not events: subscription control messages and invalid bodies, stored raw.</summary>
internal static class FeedbackParseResults
{
    public static FeedbackParseResult Control(FeedbackBodyEnvelope context, string controlType) =>
        context.Result(FeedbackParseKind.SubscriptionControl) with { ControlType = controlType };

    public static FeedbackParseResult Invalid(string body, string? sqsMessageId, FeedbackBodyFormat format, string eventType, string error) =>
        Invalid(body, new FeedbackBodyEnvelope(sqsMessageId, format, null, null), eventType, error);

    /// <param name="sesRoot">When the body held a (broken) SES event: where to look for the mail it is about, so the row can still be tied to its job.</param>
    public static FeedbackParseResult Invalid(string body, FeedbackBodyEnvelope context, string eventType, string error, JsonElement? sesRoot = null)
    {
        string? messageId = null;
        string? jobId = null;
        if (sesRoot is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("mail", out var mail) && mail.ValueKind == JsonValueKind.Object)
        {
            messageId = FeedbackJson.GetString(mail, "messageId")?.Trim();
            if (mail.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
                && tags.TryGetProperty(JobTag.Name, out var values) && values.ValueKind == JsonValueKind.Array
                && values.GetArrayLength() > 0 && values[0].ValueKind == JsonValueKind.String)
            {
                jobId = JobTag.TryDecode(values[0].GetString());
            }
        }
        return context.Result(FeedbackParseKind.Invalid) with
        {
            Event = new FeedbackEvent
            {
                EventKey = FeedbackEventKey.ForRawBody(body),
                EventType = eventType,
                SesMessageId = string.IsNullOrEmpty(messageId) ? null : messageId,
                JobId = jobId,
                Raw = body,
                Error = FeedbackErrorText.MaskAddresses(error),
            },
        };
    }
}
