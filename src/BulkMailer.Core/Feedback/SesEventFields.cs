using System.Globalization;
using BulkMailer.Core.Feedback.Events;
using BulkMailer.Core.Ses;

namespace BulkMailer.Core.Feedback;

/// <summary>What the feedback parser reads out of a deserialized SES event: its essentials, its time and its job.</summary>
internal static class SesEventFields
{
    /// <summary>What an event cannot do without: the mail id always, and the details object the policy reads.</summary>
    public static string? MissingEssential(string eventType, SesEvent e)
    {
        if (string.IsNullOrWhiteSpace(e.Mail?.MessageId))
        {
            return "mail.messageId";
        }
        return eventType switch
        {
            FeedbackEventTypes.Bounce when e.Bounce is null => "bounce object",
            FeedbackEventTypes.Complaint when e.Complaint is null => "complaint object",
            FeedbackEventTypes.Delivery when e.Delivery is null => "delivery object",
            FeedbackEventTypes.DeliveryDelay when e.DeliveryDelay is null => "deliveryDelay object",
            FeedbackEventTypes.Open when e.Open is null => "open object",
            FeedbackEventTypes.Click when e.Click is null => "click object",
            FeedbackEventTypes.Subscription when e.Subscription is null => "subscription object",
            _ => null,
        };
    }

    public static string? EventTimestamp(string eventType, SesEvent e) => eventType switch
    {
        FeedbackEventTypes.Bounce => e.Bounce?.Timestamp,
        FeedbackEventTypes.Complaint => e.Complaint?.Timestamp,
        FeedbackEventTypes.Delivery => e.Delivery?.Timestamp,
        FeedbackEventTypes.DeliveryDelay => e.DeliveryDelay?.Timestamp,
        FeedbackEventTypes.Open => e.Open?.Timestamp,
        FeedbackEventTypes.Click => e.Click?.Timestamp,
        FeedbackEventTypes.Subscription => e.Subscription?.Timestamp,
        // Send, Reject and RenderingFailure carry no time of their own: SES decides them when it accepts the mail.
        _ => null,
    };

    public static string? JobIdFromTags(IReadOnlyDictionary<string, IReadOnlyList<string>>? tags) =>
        tags is not null && tags.TryGetValue(JobTag.Name, out var values) && values is { Count: > 0 }
            ? JobTag.TryDecode(values[0])
            : null;

    public static DateTimeOffset? ParseTimestamp(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
