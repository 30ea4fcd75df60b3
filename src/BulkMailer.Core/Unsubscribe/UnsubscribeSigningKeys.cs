using System.Text;

namespace BulkMailer.Core.Unsubscribe;

/// <summary>
/// The HMAC keys of unsubscribe links: the first signs, every one verifies, so a key can be rotated without breaking
/// the links already in mailboxes (docs/operators.md, Unsubscribe: put the new key first, drop the old one once every
/// link signed with it has expired). Parsed from the secret's text: keys separated by white space, each at least
/// <see cref="MinimumLength"/> characters.
/// </summary>
public sealed class UnsubscribeSigningKeys
{
    /// <summary>32 characters of a generated secret carry well over the 128 bits an HMAC-SHA256 key needs.</summary>
    public const int MinimumLength = 32;

    private UnsubscribeSigningKeys(IReadOnlyList<byte[]> keys) => Keys = keys;

    /// <summary>Signing key first.</summary>
    public IReadOnlyList<byte[]> Keys { get; }

    /// <summary>Parses the secret's text; throws naming the problem (never the key) when it holds no usable key.</summary>
    public static UnsubscribeSigningKeys Parse(string? secretText)
    {
        var parts = (secretText ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new ArgumentException("the unsubscribe signing secret is empty");
        }
        if (parts.Any(p => p.Length < MinimumLength))
        {
            throw new ArgumentException($"every unsubscribe signing key must be at least {MinimumLength} characters");
        }
        return new UnsubscribeSigningKeys([.. parts.Select(Encoding.UTF8.GetBytes)]);
    }

    /// <summary>Never the key material: the keys are secrets.</summary>
    public override string ToString() => $"{Keys.Count} unsubscribe signing key(s)";
}
