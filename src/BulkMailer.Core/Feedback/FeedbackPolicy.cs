using BulkMailer.Core.Feedback.Events;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Core.Feedback;

/// <summary>
/// The per-event feedback policy (README, How it works: Feedback). Status moves and suppressions are both one-way (statuses only
/// move forward, a suppression is never lifted automatically), so an event takes either step only when SES's
/// report is unambiguous; everything else is recorded as an event only.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Send → <c>sent</c>; Delivery → <c>delivered</c> (detail: the SMTP response).</item>
/// <item>Bounce, <c>Permanent</c> (any subtype, including SES's <c>Suppressed</c>/<c>OnAccountSuppressionList</c>) →
/// <c>bounced</c> and every bounced recipient suppressed, reason <c>bounce:Permanent/&lt;subtype&gt;</c>.</item>
/// <item>Bounce, <c>Transient</c> → event only. <c>General</c>/<c>MailboxFull</c> recipients become suppression
/// candidates for the optional repeated-transient rule; content subtypes (<c>MessageTooLarge</c>,
/// <c>ContentRejected</c>, <c>AttachmentRejected</c>) do not — they say nothing about the address.</item>
/// <item>Bounce, <c>Undetermined</c> (or no type) → event only, recipients are candidates like a transient bounce.
/// SES could not tell whether the address or the moment was at fault; marking the job <c>bounced</c> would block a
/// later delivery report forever and suppressing would drop a possibly good address for good. If the same address
/// keeps bouncing this way, the repeated-transient rule (when on) suppresses it.</item>
/// <item>Complaint → <c>complained</c> and every complained recipient suppressed, reason <c>complaint:&lt;type&gt;</c>
/// or <c>complaint</c> without a feedback report — except feedback type <c>not-spam</c>, which is a mailbox provider
/// withdrawing a spam verdict: event only.</item>
/// <item>Reject, RenderingFailure → <c>failed</c>, the reason in the detail.</item>
/// <item>DeliveryDelay, Open, Click, Subscription → event only.</item>
/// </list>
/// <para>
/// When SES names no recipient in a bounce or complaint, the mail's only destination is used (the sender sends one
/// recipient per mail); with several destinations nobody is guessed.
/// </para>
/// </remarks>
internal static class FeedbackPolicy
{
    /// <summary>Details go into the database; long diagnostics are cut so one row stays readable.</summary>
    public const int MaxDetailLength = 500;

    public static FeedbackDecision Decide(string eventType, SesEvent e) => eventType switch
    {
        FeedbackEventTypes.Send => new(MailStatus.Sent, null, [], []),
        FeedbackEventTypes.Delivery => new(MailStatus.Delivered, Clip(e.Delivery?.SmtpResponse), [], []),
        FeedbackEventTypes.Bounce => DecideBounce(e),
        FeedbackEventTypes.Complaint => DecideComplaint(e),
        FeedbackEventTypes.Reject => new(MailStatus.Failed, Clip($"rejected by SES: {e.Reject?.Reason ?? "no reason given"}"), [], []),
        FeedbackEventTypes.RenderingFailure => new(MailStatus.Failed, Clip(RenderingFailureDetail(e.Failure)), [], []),
        FeedbackEventTypes.DeliveryDelay => FeedbackDecision.EventOnly(Clip(DelayDetail(e.DeliveryDelay))),
        FeedbackEventTypes.Click => FeedbackDecision.EventOnly(Clip(e.Click?.Link)),
        FeedbackEventTypes.Subscription => FeedbackDecision.EventOnly(Clip(SubscriptionDetail(e.Subscription))),
        _ => FeedbackDecision.EventOnly(null),
    };

    private static FeedbackDecision DecideBounce(SesEvent e)
    {
        var bounce = e.Bounce;
        var type = Blank(bounce?.BounceType) ?? "Undetermined";
        var subType = Blank(bounce?.BounceSubType) ?? "Undetermined";
        var detail = Clip(BounceDetail(type, subType, bounce?.BouncedRecipients));
        var recipients = Recipients(bounce?.BouncedRecipients?.Select(r => r.EmailAddress), e.Mail);
        var reason = $"bounce:{type}/{subType}";
        var entries = recipients.Select(r => new SuppressionEntry(r, reason)).ToList();

        if (string.Equals(type, "Permanent", StringComparison.OrdinalIgnoreCase))
        {
            return new(MailStatus.Bounced, detail, entries, []);
        }
        var aboutTheAddress =
            !string.Equals(type, "Transient", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("General", StringComparison.OrdinalIgnoreCase)
            || subType.Equals("MailboxFull", StringComparison.OrdinalIgnoreCase);
        return new(null, detail, [], aboutTheAddress ? entries : []);
    }

    private static FeedbackDecision DecideComplaint(SesEvent e)
    {
        var complaint = e.Complaint;
        var feedbackType = Blank(complaint?.ComplaintFeedbackType);
        var detail = feedbackType is null ? "complaint: no feedback report" : $"complaint: {feedbackType}";
        if (Blank(complaint?.ComplaintSubType) is { } subType)
        {
            detail += $" ({subType})";
        }
        if (string.Equals(feedbackType, "not-spam", StringComparison.OrdinalIgnoreCase))
        {
            return FeedbackDecision.EventOnly(Clip(detail));
        }
        var reason = feedbackType is null ? "complaint" : $"complaint:{feedbackType.ToLowerInvariant()}";
        var recipients = Recipients(complaint?.ComplainedRecipients?.Select(r => r.EmailAddress), e.Mail);
        return new(MailStatus.Complained, Clip(detail), recipients.Select(r => new SuppressionEntry(r, reason)).ToList(), []);
    }

    private static IReadOnlyList<string> Recipients(IEnumerable<string?>? reported, SesMail? mail)
    {
        var named = EmailAddresses.NormalizeAll(reported ?? []);
        if (named.Count > 0)
        {
            return named;
        }
        var destinations = EmailAddresses.NormalizeAll(mail?.Destination ?? []);
        return destinations.Count == 1 ? destinations : [];
    }

    private static string BounceDetail(string type, string subType, IReadOnlyList<SesBouncedRecipient>? recipients)
    {
        var diagnostics = (recipients ?? [])
            .Select(r => string.Join(' ', new[] { Blank(r.Status), Blank(r.DiagnosticCode) }.OfType<string>()))
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return diagnostics.Count == 0 ? $"{type}/{subType}" : $"{type}/{subType}: {string.Join(" | ", diagnostics)}";
    }

    private static string RenderingFailureDetail(SesRenderingFailure? failure)
    {
        var template = Blank(failure?.TemplateName);
        var message = Blank(failure?.ErrorMessage) ?? "no error message given";
        return template is null ? $"rendering failed: {message}" : $"rendering failed ({template}): {message}";
    }

    private static string DelayDetail(SesDeliveryDelay? delay)
    {
        var text = Blank(delay?.DelayType) ?? "Undetermined";
        if (Blank(delay?.ExpirationTime) is { } until)
        {
            text += $" until {until}";
        }
        var diagnostics = (delay?.DelayedRecipients ?? [])
            .Select(r => string.Join(' ', new[] { Blank(r.Status), Blank(r.DiagnosticCode) }.OfType<string>()))
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return diagnostics.Count == 0 ? text : $"{text}: {string.Join(" | ", diagnostics)}";
    }

    private static string SubscriptionDetail(SesSubscription? subscription)
    {
        var text = $"{Blank(subscription?.ContactList) ?? "(no contact list)"}: unsubscribeAll={(subscription?.NewTopicPreferences?.UnsubscribeAll == true ? "true" : "false")}";
        if (Blank(subscription?.Source) is { } source)
        {
            text += $" via {source}";
        }
        var optedOut = (subscription?.NewTopicPreferences?.TopicSubscriptionStatus ?? [])
            .Where(t => string.Equals(t.SubscriptionStatus, "OptOut", StringComparison.OrdinalIgnoreCase))
            .Select(t => Blank(t.TopicName))
            .OfType<string>()
            .ToList();
        return optedOut.Count == 0 ? text : $"{text}; opted out of {string.Join(", ", optedOut)}";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>One line, at most <see cref="MaxDetailLength"/> characters.</summary>
    internal static string? Clip(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }
        var line = string.Join(' ', detail.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxDetailLength ? line : string.Concat(line.AsSpan(0, MaxDetailLength - 1), "…");
    }
}
