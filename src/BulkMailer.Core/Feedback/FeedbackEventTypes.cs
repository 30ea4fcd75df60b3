namespace BulkMailer.Core.Feedback;

/// <summary>
/// The values of <see cref="FeedbackEvent.EventType"/>: SES's event types, spelled the same for both SES formats
/// (SES's <c>Rendering Failure</c> becomes <see cref="RenderingFailure"/>), plus two for bodies that are not usable feedback.
/// </summary>
public static class FeedbackEventTypes
{
    public const string Send = "Send";
    public const string Delivery = "Delivery";
    public const string Bounce = "Bounce";
    public const string Complaint = "Complaint";
    public const string Reject = "Reject";
    public const string DeliveryDelay = "DeliveryDelay";
    public const string RenderingFailure = "RenderingFailure";
    public const string Open = "Open";
    public const string Click = "Click";
    public const string Subscription = "Subscription";

    /// <summary>The body is not JSON, or JSON that is neither an SNS message nor an SES event, or an SES event without its essentials.</summary>
    public const string Unparseable = "Unparseable";

    /// <summary>An SES event (or SNS message) whose type this version does not know.</summary>
    public const string Unknown = "Unknown";

    /// <summary>Every SES event type, in the order SES's documentation lists them.</summary>
    public static IReadOnlyList<string> SesTypes { get; } =
        [Bounce, Complaint, Delivery, Send, Reject, Open, Click, RenderingFailure, DeliveryDelay, Subscription];

    /// <summary>SES's spelling (either format, any case, with or without the space in <c>Rendering Failure</c>) → ours; null when unknown.</summary>
    public static string? Normalize(string? sesType)
    {
        if (string.IsNullOrWhiteSpace(sesType))
        {
            return null;
        }
        var compact = sesType.Replace(" ", "", StringComparison.Ordinal).Trim();
        foreach (var known in SesTypes)
        {
            if (string.Equals(known, compact, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }
        return null;
    }
}
