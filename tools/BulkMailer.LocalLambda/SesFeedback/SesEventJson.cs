using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BulkMailer.Core.Feedback;
using BulkMailer.Core.Feedback.Events;
using BulkMailer.Core.Ses;

namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>
/// Writes SES event-publishing JSON, shaped like SES's own (as in the SES developer guide's examples). The local
/// runner plays SES with it — publishing, for mailbox-simulator recipients, the events real SES would — and tests
/// build feedback with it. Deterministic: the same input gives the same JSON, feedback ids included, so a
/// republished event has the same identity (<see cref="FeedbackEventKey"/>).
/// </summary>
public static class SesEventJson
{
    private const string EngagementUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";

    /// <summary>The JSON of one SES event of <paramref name="kind"/> about <paramref name="mail"/>, happening at <paramref name="eventTime"/>.</summary>
    public static string Write(SesEventKind kind, SesEventMail mail, DateTimeOffset eventTime) =>
        Serialize(Create(kind, mail, eventTime));

    /// <summary>Serializes an SES event the way SES writes it (nulls left out).</summary>
    public static string Serialize(SesEvent sesEvent)
    {
        ArgumentNullException.ThrowIfNull(sesEvent);
        return JsonSerializer.Serialize(sesEvent, SimulatedSesEventJsonContext.Default.SesEvent);
    }

    /// <summary>The event as a model, for callers that want to adjust it before <see cref="Serialize"/>.</summary>
    public static SesEvent Create(SesEventKind kind, SesEventMail mail, DateTimeOffset eventTime)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var at = Timestamp(eventTime);
        var recipient = mail.Recipient;
        var e = new SesEvent { Mail = Mail(mail) };
        return kind switch
        {
            SesEventKind.Send => e with { EventType = FeedbackEventTypes.Send, Send = EmptyObject() },
            SesEventKind.Delivery => e with
            {
                EventType = FeedbackEventTypes.Delivery,
                Delivery = new SesDelivery
                {
                    Timestamp = at,
                    ProcessingTimeMillis = Math.Max(0, (long)(eventTime - mail.Timestamp).TotalMilliseconds),
                    Recipients = [recipient],
                    SmtpResponse = "250 2.6.0 Message received",
                    ReportingMta = "a8-70.smtp-out.amazonses.com",
                },
            },
            SesEventKind.PermanentBounce => Bounce(e, kind, mail, at, "Permanent", "General", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"),
            SesEventKind.SuppressedBounce => Bounce(e, kind, mail, at, "Permanent", "Suppressed", "failed", "5.1.1",
                "Amazon SES has suppressed sending to this address because it has a recent history of bouncing as an invalid address."),
            SesEventKind.TransientBounce => Bounce(e, kind, mail, at, "Transient", "MailboxFull", "delayed", "4.2.2", "smtp; 452 4.2.2 Mailbox full"),
            SesEventKind.Complaint => e with
            {
                EventType = FeedbackEventTypes.Complaint,
                Complaint = new SesComplaint
                {
                    ComplainedRecipients = [new SesComplainedRecipient { EmailAddress = recipient }],
                    Timestamp = at,
                    FeedbackId = FeedbackId(kind, mail, at),
                    UserAgent = "Amazon SES Mailbox Simulator",
                    ComplaintFeedbackType = "abuse",
                    ArrivalDate = at,
                },
            },
            SesEventKind.DeliveryDelay => e with
            {
                EventType = FeedbackEventTypes.DeliveryDelay,
                DeliveryDelay = new SesDeliveryDelay
                {
                    Timestamp = at,
                    DelayType = "TransientCommunicationFailure",
                    ExpirationTime = Timestamp(mail.Timestamp.AddHours(14)),
                    DelayedRecipients =
                    [
                        new SesDelayedRecipient
                        {
                            EmailAddress = recipient,
                            Status = "4.4.1",
                            DiagnosticCode = "smtp; 421 4.4.1 Unable to connect to remote host",
                        },
                    ],
                },
            },
            SesEventKind.Open => e with
            {
                EventType = FeedbackEventTypes.Open,
                Open = new SesOpen { Timestamp = at, IpAddress = "192.0.2.1", UserAgent = EngagementUserAgent },
            },
            SesEventKind.Click => e with
            {
                EventType = FeedbackEventTypes.Click,
                Click = new SesClick { Timestamp = at, IpAddress = "192.0.2.1", UserAgent = EngagementUserAgent, Link = "https://acme.example/offer" },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an SES event kind this writer knows"),
        };
    }

    private static SesEvent Bounce(SesEvent e, SesEventKind kind, SesEventMail mail, string at,
        string type, string subType, string action, string status, string diagnostic) => e with
    {
        EventType = FeedbackEventTypes.Bounce,
        Bounce = new SesBounce
        {
            BounceType = type,
            BounceSubType = subType,
            BouncedRecipients =
            [
                new SesBouncedRecipient { EmailAddress = mail.Recipient, Action = action, Status = status, DiagnosticCode = diagnostic },
            ],
            Timestamp = at,
            FeedbackId = FeedbackId(kind, mail, at),
            ReportingMta = "dns; amazonses.com",
        },
    };

    private static SesMail Mail(SesEventMail mail)
    {
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["ses:configuration-set"] = [mail.ConfigurationSet],
            ["ses:source-ip"] = ["192.0.2.0"],
            ["ses:from-domain"] = [Domain(mail.Source)],
            ["ses:caller-identity"] = ["bulkmailer"],
        };
        foreach (var (name, value) in mail.Tags)
        {
            tags[name] = [value];
        }
        if (mail.JobId is { } jobId)
        {
            tags[JobTag.Name] = [JobTag.Encode(jobId)];
        }
        return new SesMail
        {
            Timestamp = Timestamp(mail.Timestamp),
            Source = mail.Source,
            SourceArn = $"arn:aws:ses:us-east-1:{mail.SendingAccountId}:identity/{Domain(mail.Source)}",
            SendingAccountId = mail.SendingAccountId,
            MessageId = mail.MessageId,
            Destination = [mail.Recipient],
            Tags = tags,
        };
    }

    /// <summary>SES's shape (hex groups, <c>-000000</c>), derived from the event so a rewrite gives the same id.</summary>
    private static string FeedbackId(SesEventKind kind, SesEventMail mail, string at)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{mail.MessageId}|{kind}|{at}|{mail.Recipient}")));
        return $"{hex[..16]}-{hex[16..24]}-{hex[24..28]}-{hex[28..32]}-{hex[32..36]}-{hex[36..48]}-000000";
    }

    private static string Domain(string address)
    {
        var normalized = EmailAddresses.Normalize(address);
        return normalized is null ? "example.com" : normalized[(normalized.LastIndexOf('@') + 1)..];
    }

    /// <summary>SES's format: UTC, milliseconds, <c>Z</c>.</summary>
    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonElement EmptyObject()
    {
        using var document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
