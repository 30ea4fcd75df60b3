namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>The SES events <see cref="SesEventJson"/> can write: the ones SES's mailbox simulator produces, and the engagement events (open, click) of a real campaign.</summary>
public enum SesEventKind
{
    /// <summary>SES accepted the mail (every simulator address).</summary>
    Send,

    /// <summary>The receiving server accepted it (<c>success@</c>, <c>complaint@</c>, <c>ooto@</c>).</summary>
    Delivery,

    /// <summary>Hard bounce, <c>Permanent/General</c>, 5.1.1 user unknown (<c>bounce@</c>).</summary>
    PermanentBounce,

    /// <summary>Hard bounce, <c>Permanent/Suppressed</c>: the address is on SES's suppression list (<c>suppressionlist@</c>).</summary>
    SuppressedBounce,

    /// <summary>Soft bounce, <c>Transient/MailboxFull</c>, 4.2.2.</summary>
    TransientBounce,

    /// <summary>The recipient reported the mail as spam, feedback type <c>abuse</c> (<c>complaint@</c>).</summary>
    Complaint,

    /// <summary>SES is still retrying, <c>TransientCommunicationFailure</c>, 4.4.1.</summary>
    DeliveryDelay,

    /// <summary>The recipient's client loaded the open-tracking pixel (not produced by the mailbox simulator).</summary>
    Open,

    /// <summary>The recipient followed a tracked link (not produced by the mailbox simulator).</summary>
    Click,
}
