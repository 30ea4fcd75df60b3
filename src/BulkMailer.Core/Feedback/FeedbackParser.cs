using System.Text.Json;
using BulkMailer.Core.Feedback.Events;

namespace BulkMailer.Core.Feedback;

/// <summary>
/// Reads one SQS body from the feedback queue: an SNS message (raw delivery off) or the SES JSON itself (raw
/// delivery on), in SES's event-publishing or notification format, and applies the per-event policy
/// (<see cref="FeedbackPolicy"/>). Pure and total: it never throws, whatever the body.
/// </summary>
public static class FeedbackParser
{
    private const string SnsNotification = "Notification";
    private const string SesSubscriptionNotice = "AmazonSnsSubscriptionSucceeded";
    private static readonly string[] SnsControlTypes = ["SubscriptionConfirmation", "UnsubscribeConfirmation"];
    private static readonly string[] NotificationFormatTypes =
        [FeedbackEventTypes.Bounce, FeedbackEventTypes.Complaint, FeedbackEventTypes.Delivery];

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
            return FeedbackParseResults.Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable,
                $"parser failed on this body ({ex.GetType().Name})");
        }
    }

    private static FeedbackParseResult ParseBody(string body, string? sqsMessageId)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return FeedbackParseResults.Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable, "body is empty");
        }
        if (!FeedbackJson.TryParseJson(body, out var document, out var jsonError))
        {
            return FeedbackParseResults.Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable, $"body is not JSON ({jsonError})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return FeedbackParseResults.Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable,
                    $"body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }
            // SNS messages carry "Type"; SES events never do (theirs is "eventType"/"notificationType").
            if (root.TryGetProperty("Type", out _))
            {
                return ParseSns(root, body, sqsMessageId);
            }
            if (FeedbackJson.IsSesEvent(root))
            {
                return ParseSes(root, body, body, new FeedbackBodyEnvelope(sqsMessageId, FeedbackBodyFormat.RawSes, null, null));
            }
            return FeedbackParseResults.Invalid(body, sqsMessageId, FeedbackBodyFormat.Unrecognized, FeedbackEventTypes.Unparseable,
                "JSON object is neither an SNS message (no Type) nor an SES event (no eventType/notificationType)");
        }
    }

    private static FeedbackParseResult ParseSns(JsonElement root, string body, string? sqsMessageId)
    {
        var type = FeedbackJson.GetString(root, "Type");
        var context = new FeedbackBodyEnvelope(sqsMessageId, FeedbackBodyFormat.SnsEnvelope, FeedbackJson.GetString(root, "MessageId"), FeedbackJson.GetString(root, "TopicArn"));
        if (type is null)
        {
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unparseable, "SNS message Type is not a string");
        }
        if (SnsControlTypes.Contains(type, StringComparer.Ordinal))
        {
            return FeedbackParseResults.Control(context, type);
        }
        if (!string.Equals(type, SnsNotification, StringComparison.Ordinal))
        {
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unknown, $"SNS message Type '{FeedbackErrorText.Echo(type)}' is not Notification, SubscriptionConfirmation or UnsubscribeConfirmation");
        }
        if (!root.TryGetProperty("Message", out var messageElement) || messageElement.ValueKind != JsonValueKind.String)
        {
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unparseable, "SNS notification has no Message string");
        }
        var message = messageElement.GetString() ?? "";
        if (!FeedbackJson.TryParseJson(message, out var inner, out var jsonError))
        {
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unparseable, $"SNS Message is not JSON ({jsonError})");
        }
        using (inner)
        {
            var sesRoot = inner.RootElement;
            if (sesRoot.ValueKind != JsonValueKind.Object || !FeedbackJson.IsSesEvent(sesRoot))
            {
                return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unparseable, "SNS Message is not an SES event (no eventType/notificationType)");
            }
            return ParseSes(sesRoot, message, body, context);
        }
    }

    /// <param name="sesJson">The SES event's own text: kept as Raw, identical whether it came enveloped or raw.</param>
    /// <param name="body">The whole SQS body: kept as Raw when the event is unusable, so nothing of it is lost.</param>
    private static FeedbackParseResult ParseSes(JsonElement sesRoot, string sesJson, string body, FeedbackBodyEnvelope context)
    {
        var isEventPublishing = sesRoot.TryGetProperty("eventType", out _);
        var format = isEventPublishing ? SesEventFormat.EventPublishing : SesEventFormat.Notification;
        var field = isEventPublishing ? "eventType" : "notificationType";
        var reported = FeedbackJson.GetString(sesRoot, field);

        if (!isEventPublishing && string.Equals(reported, SesSubscriptionNotice, StringComparison.Ordinal))
        {
            return FeedbackParseResults.Control(context, SesSubscriptionNotice) with { SesFormat = format };
        }
        var eventType = FeedbackEventTypes.Normalize(reported);
        if (eventType is null || (!isEventPublishing && !NotificationFormatTypes.Contains(eventType, StringComparer.Ordinal)))
        {
            var why = reported is null ? $"SES {field} is missing or not a string" : $"unknown SES {field} '{FeedbackErrorText.Echo(reported)}'";
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unknown, why, sesRoot) with { SesFormat = format };
        }

        SesEvent? ses;
        try
        {
            ses = JsonSerializer.Deserialize(sesRoot, SesEventJsonContext.Default.SesEvent);
        }
        catch (JsonException ex)
        {
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unparseable,
                $"SES {eventType} event has a field of the wrong type at {ex.Path ?? "$"}", sesRoot) with { SesFormat = format };
        }
        var missing = ses is null ? "content" : SesEventFields.MissingEssential(eventType, ses);
        if (ses is null || missing is not null)
        {
            return FeedbackParseResults.Invalid(body, context, FeedbackEventTypes.Unparseable, $"SES {eventType} event has no {missing}", sesRoot) with { SesFormat = format };
        }

        var decision = FeedbackPolicy.Decide(eventType, ses);
        var feedbackEvent = new FeedbackEvent
        {
            EventKey = FeedbackEventKey.ForSesEvent(eventType, ses)!,
            EventType = eventType,
            SesMessageId = ses.Mail!.MessageId!.Trim(),
            JobId = SesEventFields.JobIdFromTags(ses.Mail.Tags),
            OccurredAt = SesEventFields.ParseTimestamp(SesEventFields.EventTimestamp(eventType, ses)) ?? SesEventFields.ParseTimestamp(ses.Mail.Timestamp),
            NewStatus = decision.NewStatus,
            Detail = decision.Detail,
            Suppressions = decision.Suppressions,
            SuppressionCandidates = decision.SuppressionCandidates,
            Raw = sesJson,
        };
        return context.Result(FeedbackParseKind.Events) with { SesFormat = format, Event = feedbackEvent, Ses = ses };
    }
}
