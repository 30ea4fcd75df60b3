using BulkMailer.Core.Privacy;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Observability;
using BulkMailer.Unsubscribe.Pages;
using BulkMailer.Unsubscribe.Ports;

namespace BulkMailer.Unsubscribe;

/// <summary>
/// One function URL request (docs/contract.md, Unsubscribe). <c>POST ?t=TOKEN</c> with the RFC 8058 body
/// <c>List-Unsubscribe=One-Click</c> and a valid token suppresses the token's recipient (idempotently: a replay answers
/// 200 again and adds nothing) and answers 200; <c>GET ?t=TOKEN</c> with a valid token answers the page whose button
/// sends that POST; everything else — no token, a malformed, tampered or expired one, another method or body — answers
/// 400 and changes nothing.
/// </summary>
public sealed class UnsubscribeHandler(UnsubscribeTokenCodec codec, IUnsubscribeStore store, JsonLogger? log = null)
{
    public async Task<FunctionUrlResponse> HandleAsync(FunctionUrlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.RequestContext.Http.Method.ToUpperInvariant();
        if (method is not ("GET" or "POST"))
        {
            return Refuse("Only GET and POST are answered.", "method");
        }
        if (TokenOf(request.RawQueryString) is not { } text)
        {
            return Refuse("The unsubscribe link has no token.", "no-token");
        }
        var check = codec.Verify(text);
        if (check.Token is not { } token || !check.IsValid)
        {
            return Refuse(check.Message, check.Fault.ToString().ToLowerInvariant());
        }
        var masked = EmailMask.Mask(token.Email);
        if (method == "GET")
        {
            return UnsubscribePages.Confirm(masked, text);
        }
        if (!IsOneClickBody(request.BodyText()))
        {
            return Refuse("The request is not a one-click unsubscribe (its body must be List-Unsubscribe=One-Click).", "body");
        }
        await store.UnsubscribeAsync(token.Email, cancellationToken).ConfigureAwait(false);
        log?.Info("unsubscribed", LogField.Of("email", masked), LogField.Of("campaignId", token.CampaignId));
        return UnsubscribePages.Done(masked);
    }

    private FunctionUrlResponse Refuse(string message, string reason)
    {
        log?.Info("unsubscribe refused", LogField.Of("reason", reason));
        return UnsubscribePages.Refused(message);
    }

    /// <summary>The single <c>t</c> parameter, unescaped; null when absent, empty or given twice.</summary>
    private static string? TokenOf(string? rawQueryString)
    {
        var values = Fields(rawQueryString).Where(f => f.Name == UnsubscribeLinks.TokenParameter).Select(f => f.Value).ToList();
        return values is [{ Length: > 0 } only] ? only : null;
    }

    /// <summary>RFC 8058: the POST carries <c>List-Unsubscribe=One-Click</c> (form-encoded); nothing else is a one-click request.</summary>
    private static bool IsOneClickBody(string? body) =>
        Fields(body).Any(f => $"{f.Name}={f.Value}" == UnsubscribeLinks.OneClick);

    private static IEnumerable<(string Name, string Value)> Fields(string? encoded)
    {
        foreach (var pair in (encoded ?? string.Empty).Trim().Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return (Unescape(name), Unescape(value));
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
