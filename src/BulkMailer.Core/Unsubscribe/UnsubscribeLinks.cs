namespace BulkMailer.Core.Unsubscribe;

/// <summary>
/// The one-click unsubscribe link of a mail (RFC 8058, docs/contract.md, Unsubscribe): the unsubscribe function's URL
/// with the signed token as its <c>t</c> query parameter. Base64url needs no escaping in a query string.
/// </summary>
public sealed class UnsubscribeLinks
{
    /// <summary>The query parameter that carries the token.</summary>
    public const string TokenParameter = "t";

    /// <summary>RFC 8058's one value of List-Unsubscribe-Post, which is also the body of the one-click POST.</summary>
    public const string OneClick = "List-Unsubscribe=One-Click";

    private readonly string _prefix;

    public UnsubscribeLinks(Uri baseUrl, UnsubscribeTokenCodec codec)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        Codec = codec ?? throw new ArgumentNullException(nameof(codec));
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            throw new ArgumentException("the unsubscribe base URL must be an absolute http(s) URL without query or fragment", nameof(baseUrl));
        }
        _prefix = baseUrl.AbsoluteUri + "?" + TokenParameter + "=";
    }

    public UnsubscribeTokenCodec Codec { get; }

    /// <summary>The link for one recipient of one campaign.</summary>
    public string For(string email, string? campaignId) => _prefix + Codec.Issue(email, campaignId);
}
