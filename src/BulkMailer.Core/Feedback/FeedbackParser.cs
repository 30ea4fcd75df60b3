using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BulkMailer.Core.Feedback.Events;
using BulkMailer.Core.Privacy;
using BulkMailer.Core.Ses;

namespace BulkMailer.Core.Feedback;

/// <summary>
/// Reads one SQS body from the feedback queue: an SNS message (raw delivery off) or the SES JSON itself (raw
/// delivery on), in SES's event-publishing or notification format, and applies the per-event policy
/// (<see cref="FeedbackPolicy"/>). Pure and total: it never throws, whatever the body.
/// </summary>
public static partial class FeedbackParser
{
    private const string SnsNotification = "Notification";
    private const string SesSubscriptionNotice = "AmazonSnsSubscriptionSucceeded";
    private static readonly string[] SnsControlTypes = ["SubscriptionConfirmation", "UnsubscribeConfirmation"];
    private static readonly string[] NotificationFormatTypes =
        [FeedbackEventTypes.Bounce, FeedbackEventTypes.Complaint, FeedbackEventTypes.Delivery];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses one SQS body. <paramref name="sqsMessageId"/> is only carried into the result, for logs and batch item failures.</summary>
    public static FeedbackParseResult Parse(string? sqsBody, string? sqsMessageId)
    {
        var body = sqsBody ?? "";
        try
        {
            return ParseBody(body, sqsMessageId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Last line of defence for the contract "never throws": a body that trips an unforeseen path is recorded
            // like any other bad input instead of failing the whole batch over and over.
            return Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable,
                $"parser failed on this body ({ex.GetType().Name})");
        }
    }

    private static FeedbackParseResult ParseBody(string body, string? sqsMessageId)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable, "body is empty");
        }
        if (!TryParseJson(body, out var document, out var jsonError))
        {
            return Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable, $"body is not JSON ({jsonError})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable,
                    $"body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }
            // SNS messages carry "Type"; SES events never do (theirs is "eventType"/"notificationType").
            if (root.TryGetProperty("Type", out _))
            {
                return ParseSns(root, body, sqsMessageId);
            }
            if (IsSesEvent(root))
            {
                return ParseSes(root, body, body, new Context(sqsMessageId, FeedbackBodyFormat.RawSes, null, null));
            }
            return Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable,
                "JSON object is neither an SNS message (no Type) nor an SES event (no eventType/notificationType)");
        }
    }

    private static FeedbackParseResult ParseSns(JsonElement root, string body, string? sqsMessageId)
    {
        var type = GetString(root, "Type");
        var context = new Context(sqsMessageId, FeedbackBodyFormat.SnsEnvelope, GetString(root, "MessageId"), GetString(root, "TopicArn"));
        if (type is null)
        {
            return Invalid(body, context, FeedbackEventTypes.Unparseable, "SNS message Type is not a string");
        }
        if (SnsControlTypes.Contains(type, StringComparer.Ordinal))
        {
            return Control(context, type);
        }
        if (!string.Equals(type, SnsNotification, StringComparison.Ordinal))
        {
            return Invalid(body, context, FeedbackEventTypes.Unknown, $"SNS message Type '{Echo(type)}' is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
        }
        if (!root.TryGetProperty("Message", out var messageElement) || messageElement.ValueKind != JsonValueKind.String)
        {
            return Invalid(body, context, FeedbackEventTypes.Unparseable, "SNS notification has no Message string");
        }
        var message = messageElement.GetString() ?? "";
        if (!TryParseJson(message, out var inner, out var jsonError))
        {
            return Invalid(body, context, FeedbackEventTypes.Unparseable, $"SNS Message is not JSON ({jsonError})");
        }
        using (inner)
        {
            var sesRoot = inner.RootElement;
            if (sesRoot.ValueKind != JsonValueKind.Object || !IsSesEvent(sesRoot))
            {
                return Invalid(body, context, FeedbackEventTypes.Unparseable, "SNS Message is not an SES event (no eventType/notificationType)");
            }
            return ParseSes(sesRoot, message, body, context);
        }
    }

    /// <param name="sesJson">The SES event's own text: kept as Raw, identical whether it came enveloped or raw.</param>
    /// <param name="body">The whole SQS body: kept as Raw when the event is unusable, so nothing of it is lost.</param>
    private static FeedbackParseResult ParseSes(JsonElement sesRoot, string sesJson, string body, Context context)
    {
        var isEventPublishing = sesRoot.TryGetProperty("eventType", out _);
        var format = isEventPublishing ? SesEventFormat.EventPublishing : SesEventFormat.Notification;
        var field = isEventPublishing ? "eventType" : "notificationType";
        var reported = GetString(sesRoot, field);

        if (!isEventPublishing && string.Equals(reported, SesSubscriptionNotice, StringComparison.Ordinal))
        {
            return Control(context, SesSubscriptionNotice) with { SesFormat = format };
        }
        var eventType = FeedbackEventTypes.Normalize(reported);
        if (eventType is null || (!isEventPublishing && !NotificationFormatTypes.Contains(eventType, StringComparer.Ordinal)))
        {
            var why = reported is null ? $"SES {field} is missing or not a string" : $"unknown SES {field} '{Echo(reported)}'";
            return Invalid(body, context, FeedbackEventTypes.Unknown, why, sesRoot) with { SesFormat = format };
        }

        SesEvent? ses;
        try
        {
            ses = JsonSerializer.Deserialize(sesRoot, SesEventJsonContext.Default.SesEvent);
        }
        catch (JsonException ex)
        {
            return Invalid(body, context, FeedbackEventTypes.Unparseable,
                $"SES {eventType} event has a field of the wrong type at {ex.Path ?? "$"}", sesRoot) with { SesFormat = format };
        }
        var missing = ses is null ? "content" : MissingEssential(eventType, ses);
        if (ses is null || missing is not null)
        {
            return Invalid(body, context, FeedbackEventTypes.Unparseable, $"SES {eventType} event has no {missing}", sesRoot) with { SesFormat = format };
        }

        var decision = FeedbackPolicy.Decide(eventType, ses);
        var feedbackEvent = new FeedbackEvent
        {
            EventKey = FeedbackEventKey.ForSesEvent(eventType, ses)!,
            EventType = eventType,
            SesMessageId = ses.Mail!.MessageId!.Trim(),
            JobId = JobIdFromTags(ses.Mail.Tags),
            OccurredAt = ParseTimestamp(EventTimestamp(eventType, ses)) ?? ParseTimestamp(ses.Mail.Timestamp),
            NewStatus = decision.NewStatus,
            Detail = decision.Detail,
            Suppressions = decision.Suppressions,
            SuppressionCandidates = decision.SuppressionCandidates,
            Raw = sesJson,
        };
        return new FeedbackParseResult
        {
            Kind = FeedbackParseKind.Events,
            BodyFormat = context.BodyFormat,
            SqsMessageId = context.SqsMessageId,
            SnsMessageId = context.SnsMessageId,
            TopicArn = context.TopicArn,
            SesFormat = format,
            Event = feedbackEvent,
            Ses = ses,
        };
    }

    /// <summary>What an event cannot do without: the mail id always, and the details object the policy reads.</summary>
    private static string? MissingEssential(string eventType, SesEvent e)
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

    private static string? EventTimestamp(string eventType, SesEvent e) => eventType switch
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

    private static string? JobIdFromTags(IReadOnlyDictionary<string, IReadOnlyList<string>>? tags) =>
        tags is not null && tags.TryGetValue(JobTag.Name, out var values) && values is { Count: > 0 }
            ? JobTag.TryDecode(values[0])
            : null;

    private static DateTimeOffset? ParseTimestamp(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;

    private static bool IsSesEvent(JsonElement root) =>
        root.TryGetProperty("eventType", out _) || root.TryGetProperty("notificationType", out _);

    private static bool TryParseJson(string text, out JsonDocument document, out string error)
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

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static FeedbackParseResult Control(Context context, string controlType) => new()
    {
        Kind = FeedbackParseKind.SubscriptionControl,
        BodyFormat = context.BodyFormat,
        SqsMessageId = context.SqsMessageId,
        SnsMessageId = context.SnsMessageId,
        TopicArn = context.TopicArn,
        ControlType = controlType,
    };

    private static FeedbackParseResult Invalid(string body, string? sqsMessageId, FeedbackBodyFormat format, string eventType, string error) =>
        Invalid(body, new Context(sqsMessageId, format, null, null), eventType, error);

    /// <param name="sesRoot">When the body held a (broken) SES event: where to look for the mail it is about, so the row can still be tied to its job.</param>
    private static FeedbackParseResult Invalid(string body, Context context, string eventType, string error, JsonElement? sesRoot = null)
    {
        string? messageId = null;
        string? jobId = null;
        if (sesRoot is { ValueKind: JsonValueKind.Object } root
            && root.TryGetProperty("mail", out var mail) && mail.ValueKind == JsonValueKind.Object)
        {
            messageId = GetString(mail, "messageId")?.Trim();
            if (mail.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
                && tags.TryGetProperty(JobTag.Name, out var values) && values.ValueKind == JsonValueKind.Array
                && values.GetArrayLength() > 0 && values[0].ValueKind == JsonValueKind.String)
            {
                jobId = JobTag.TryDecode(values[0].GetString());
            }
        }
        return new FeedbackParseResult
        {
            Kind = FeedbackParseKind.Invalid,
            BodyFormat = context.BodyFormat,
            SqsMessageId = context.SqsMessageId,
            SnsMessageId = context.SnsMessageId,
            TopicArn = context.TopicArn,
            Event = new FeedbackEvent
            {
                EventKey = FeedbackEventKey.ForRawBody(body),
                EventType = eventType,
                SesMessageId = string.IsNullOrEmpty(messageId) ? null : messageId,
                JobId = jobId,
                Raw = body,
                Error = MaskAddresses(error),
            },
        };
    }

    /// <summary>A type name from the body, cut short and stripped to harmless characters before it goes into an error (errors reach logs).</summary>
    private static string Echo(string value)
    {
        var safe = new string(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ':').Take(40).ToArray());
        return safe.Length == 0 ? "?" : safe;
    }

    /// <summary>Errors reach logs; a JSON path can name a tag that happens to be an address.</summary>
    private static string MaskAddresses(string text) =>
        AddressLike().Replace(text, m => EmailMask.Mask(m.Value));

    [GeneratedRegex(@"[^\s'""\[\]<>@]+@[^\s'""\[\]<>@]+")]
    private static partial Regex AddressLike();

    private sealed record Context(string? SqsMessageId, FeedbackBodyFormat BodyFormat, string? SnsMessageId, string? TopicArn);
}
