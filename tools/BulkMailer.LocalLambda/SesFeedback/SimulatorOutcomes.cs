using BulkMailer.Core.Feedback;

namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>
/// The SES events real SES publishes, in order, for a mail it accepted for one recipient: the documented outcomes of
/// SES's mailbox simulator (<c>*@simulator.amazonses.com</c>, labels after <c>+</c> ignored), and a plain delivery
/// for every other address. Pure.
/// </summary>
public static class SimulatorOutcomes
{
    /// <summary>The mailbox simulator's domain.</summary>
    public const string Domain = "simulator.amazonses.com";

    private static readonly IReadOnlyList<SesEventKind> Delivered = [SesEventKind.Send, SesEventKind.Delivery];
    private static readonly IReadOnlyList<SesEventKind> Bounced = [SesEventKind.Send, SesEventKind.PermanentBounce];
    private static readonly IReadOnlyList<SesEventKind> Complained = [SesEventKind.Send, SesEventKind.Delivery, SesEventKind.Complaint];
    private static readonly IReadOnlyList<SesEventKind> Suppressed = [SesEventKind.Send, SesEventKind.SuppressedBounce];

    /// <summary>
    /// The events for <paramref name="recipient"/> (a bare address or <c>Name &lt;address&gt;</c>, any case).
    /// <list type="bullet">
    /// <item><c>success@</c> → Send, Delivery.</item>
    /// <item><c>bounce@</c> → Send, Bounce (Permanent/General, 550 5.1.1).</item>
    /// <item><c>ooto@</c> → Send, Delivery. The receiving server accepts the mail, so SES reports a delivery; the
    /// out-of-office auto-reply is an ordinary mail (RFC 3834) sent to the Return-Path/MAIL FROM address, which SES
    /// does not turn into an event on the configuration set — the event destination never sees it.</item>
    /// <item><c>complaint@</c> → Send, Delivery, Complaint (the provider delivers, then the recipient reports spam).</item>
    /// <item><c>suppressionlist@</c> → Send, Bounce (Permanent/Suppressed): SES answers as if the address were on its
    /// global suppression list.</item>
    /// <item>any other address (other simulator local parts included) → Send, Delivery.</item>
    /// </list>
    /// </summary>
    public static IReadOnlyList<SesEventKind> For(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var address = Address(recipient);
        var at = address.LastIndexOf('@');
        if (at <= 0 || !address[(at + 1)..].Equals(Domain, StringComparison.OrdinalIgnoreCase))
        {
            return Delivered;
        }
        var local = address[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }
        return local.ToLowerInvariant() switch
        {
            "bounce" => Bounced,
            "complaint" => Complained,
            "suppressionlist" => Suppressed,
            _ => Delivered,
        };
    }

    /// <summary>The address inside <c>Name &lt;address&gt;</c>, trimmed; the input itself otherwise.</summary>
    internal static string Address(string recipient)
    {
        var text = recipient.Trim();
        var open = text.LastIndexOf('<');
        var close = text.LastIndexOf('>');
        return open >= 0 && close > open ? text[(open + 1)..close].Trim() : text;
    }
}
