using System.Net;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Events;

namespace BulkMailer.Unsubscribe.Pages;

/// <summary>
/// The function's answers as small self-contained HTML pages (no scripts, no external resources): the confirmation
/// form a person sees after clicking the link, the page after confirming, and the refusal. The address is shown masked
/// only (docs/security.md, Unsubscribe): whoever holds a forwarded mail learns no more than they already see.
/// </summary>
public static class UnsubscribePages
{
    /// <summary>
    /// The link's token sits in the page's URL: no referrer may carry it elsewhere, no cache may keep it, and the page
    /// may load nothing and post only back to itself.
    /// </summary>
    private static readonly Dictionary<string, string> SecurityHeaders = new(StringComparer.Ordinal)
    {
        ["content-type"] = "text/html; charset=utf-8",
        ["cache-control"] = "no-store",
        ["referrer-policy"] = "no-referrer",
        ["x-content-type-options"] = "nosniff",
        ["x-frame-options"] = "DENY",
        ["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    };

    /// <summary>GET with a valid token: a form that POSTs the one-click body back to the same link.</summary>
    public static FunctionUrlResponse Confirm(string maskedEmail, string token) => Page(200, "Unsubscribe", $"""
        <h1 id="heading">Unsubscribe</h1>
        <p id="what">Stop mail from this sender to <strong>{Encode(maskedEmail)}</strong>?</p>
        <form method="post" action="?{UnsubscribeLinks.TokenParameter}={Encode(token)}" aria-labelledby="heading" aria-describedby="what">
          <input type="hidden" name="List-Unsubscribe" value="One-Click">
          <button type="submit" id="confirm">Confirm unsubscribe</button>
        </form>
        """);

    /// <summary>A valid one-click POST (from a mail client, or the form above): the address is suppressed.</summary>
    public static FunctionUrlResponse Done(string maskedEmail) => Page(200, "Unsubscribed", $"""
        <h1>Unsubscribed</h1>
        <p role="status" id="done">{Encode(maskedEmail)} will receive no more mail from this sender.</p>
        """);

    /// <summary>Anything else: nothing was changed.</summary>
    public static FunctionUrlResponse Refused(string message) => Page(400, "Unsubscribe link not usable", $"""
        <h1>Unsubscribe link not usable</h1>
        <p role="alert" id="refused">{Encode(message)} Nothing was changed.</p>
        """);

    private static FunctionUrlResponse Page(int status, string title, string main) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string>(SecurityHeaders, StringComparer.Ordinal),
        Body = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5{"}"}button{"{"}font-size:1rem;padding:.5rem 1rem{"}"}</style>
            </head>
            <body>
            <main>
            {main}
            </main>
            </body>
            </html>
            """,
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
