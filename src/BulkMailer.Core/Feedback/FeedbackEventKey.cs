using System.Security.Cryptography;
using System.Text;
using BulkMailer.Core.Feedback.Events;

namespace BulkMailer.Core.Feedback;

/// <summary>
/// The identity of a feedback event (<see cref="FeedbackEvent.EventKey"/>, unique in <c>mail_event</c>): 64 lower-case
/// hex characters of SHA-256 over a versioned, field-separated description of the event.
/// </summary>
/// <remarks>
/// <para>
/// Why not the SNS or SQS message id: with raw message delivery there is no SNS id, SQS ids differ when SNS
/// redelivers, and SES may publish one event more than once. Why not a hash of the SES JSON: SES's two formats
/// describe one bounce in two different documents. So the key is built from what makes an SES event itself unique:
/// </para>
/// <list type="bullet">
/// <item><c>mail.messageId</c> and the event type (normalized, so notification and event-publishing formats agree);</item>
/// <item>Bounce, Complaint: SES's <c>feedbackId</c>, unique per bounce/complaint and the same in both formats
/// (without one: the event timestamp and the recipients);</item>
/// <item>Delivery, DeliveryDelay: the event timestamp and the sorted, normalized recipients — SES reports one delivery
/// per recipient and may report several delays as it retries;</item>
/// <item>Send, Reject, RenderingFailure: nothing more — SES emits at most one of each per message;</item>
/// <item>Open: timestamp, IP address, user agent; Click: the same plus the link — one mail is opened and clicked
/// many times, and two clicks differ in at least one of these;</item>
/// <item>Subscription: timestamp, contact list and source.</item>
/// </list>
/// <para>
/// Timestamps are used as SES wrote them (re-formatting could only make copies disagree). Fields are joined with
/// U+001F, which SES never puts in these values, so two different field lists cannot run together into one string.
/// A body that is not an SES event is keyed by its exact text under a different prefix, so a redelivered bad body
/// is recorded once and can never collide with a real event.
/// </para>
/// </remarks>
public static class FeedbackEventKey
{
    private const char Separator = '\u001f';

    /// <summary>The key of an unusable body: its exact text, so that the same body redelivered is one row.</summary>
    public static string ForRawBody(string body) => Hash(["raw-v1", body ?? ""]);

    /// <summary>The key of an SES event; null when it has no message id or a type this version does not know.</summary>
    public static string? ForSesEvent(SesEvent sesEvent)
    {
        ArgumentNullException.ThrowIfNull(sesEvent);
        var type = FeedbackEventTypes.Normalize(sesEvent.EventType ?? sesEvent.NotificationType);
        return type is null ? null : ForSesEvent(type, sesEvent);
    }

    internal static string? ForSesEvent(string eventType, SesEvent e)
    {
        var messageId = e.Mail?.MessageId;
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return null;
        }
        var fields = new List<string?> { "ses-v1", messageId.Trim(), eventType };
        switch (eventType)
        {
            case FeedbackEventTypes.Bounce:
                AddFeedbackIdOrTimeAndRecipients(fields, e.Bounce?.FeedbackId, e.Bounce?.Timestamp,
                    e.Bounce?.BouncedRecipients?.Select(r => r.EmailAddress));
                break;
            case FeedbackEventTypes.Complaint:
                AddFeedbackIdOrTimeAndRecipients(fields, e.Complaint?.FeedbackId, e.Complaint?.Timestamp,
                    e.Complaint?.ComplainedRecipients?.Select(r => r.EmailAddress));
                break;
            case FeedbackEventTypes.Delivery:
                fields.Add(e.Delivery?.Timestamp);
                fields.Add(Recipients(e.Delivery?.Recipients));
                break;
            case FeedbackEventTypes.DeliveryDelay:
                fields.Add(e.DeliveryDelay?.Timestamp);
                fields.Add(Recipients(e.DeliveryDelay?.DelayedRecipients?.Select(r => r.EmailAddress)));
                break;
            case FeedbackEventTypes.Open:
                fields.Add(e.Open?.Timestamp);
                fields.Add(e.Open?.IpAddress);
                fields.Add(e.Open?.UserAgent);
                break;
            case FeedbackEventTypes.Click:
                fields.Add(e.Click?.Timestamp);
                fields.Add(e.Click?.Link);
                fields.Add(e.Click?.IpAddress);
                fields.Add(e.Click?.UserAgent);
                break;
            case FeedbackEventTypes.Subscription:
                fields.Add(e.Subscription?.Timestamp);
                fields.Add(e.Subscription?.ContactList);
                fields.Add(e.Subscription?.Source);
                break;
            default:
                // Send, Reject, RenderingFailure: one per message, the message id is enough.
                break;
        }
        return Hash(fields);
    }

    private static void AddFeedbackIdOrTimeAndRecipients(
        List<string?> fields, string? feedbackId, string? timestamp, IEnumerable<string?>? recipients)
    {
        if (!string.IsNullOrWhiteSpace(feedbackId))
        {
            fields.Add("feedback");
            fields.Add(feedbackId.Trim());
            return;
        }
        fields.Add("time");
        fields.Add(timestamp);
        fields.Add(Recipients(recipients));
    }

    private static string Recipients(IEnumerable<string?>? recipients) =>
        string.Join(',', EmailAddresses.NormalizeAll(recipients ?? []));

    private static string Hash(IEnumerable<string?> fields)
    {
        var text = string.Join(Separator, fields.Select(f => f ?? ""));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
