namespace BulkMailer.Core.Feedback;

/// <summary>Which of SES's two feedback JSON formats an event used.</summary>
public enum SesEventFormat
{
    /// <summary>Configuration-set event publishing: <c>eventType</c>, every event type, tags included.</summary>
    EventPublishing,

    /// <summary>Identity feedback notifications: <c>notificationType</c>, only Bounce/Complaint/Delivery, no tags.</summary>
    Notification,
}
