using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BulkMailer.Core.Unsubscribe;

/// <summary>
/// Signs and verifies unsubscribe tokens (docs/contract.md, Unsubscribe): URL-safe text
/// <c>1.{expiry, Unix seconds}.{campaign, base64url}.{address, base64url}.{HMAC-SHA256 of everything before, base64url}</c>.
/// Each field is encoded on its own, so no address or campaign id can shift the boundaries; the signature is compared in
/// constant time, so its bytes cannot be guessed one response time at a time; expiry is read from the injected clock.
/// The order of checks gives each fault its reason: shape first (malformed), then signature (tampered), then expiry.
/// </summary>
public sealed class UnsubscribeTokenCodec
{
    /// <summary>How long a link works by default: long enough for mail read weeks later, short enough to bound a leaked link.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(60);

    /// <summary>Far above any real token (an address is at most 254 characters); longer input is refused before any work.</summary>
    public const int MaxTokenLength = 2048;

    private const string Version = "1";
    private const int SignatureBytes = 32;
    private readonly UnsubscribeSigningKeys _keys;
    private readonly TimeProvider _clock;

    public UnsubscribeTokenCodec(UnsubscribeSigningKeys keys, TimeProvider clock, TimeSpan? validity = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Validity = validity ?? DefaultValidity;
        if (Validity <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), "the validity of unsubscribe links must be positive");
        }
    }

    public TimeSpan Validity { get; }

    /// <summary>A token for <paramref name="email"/> (lower-cased here) in <paramref name="campaignId"/>, valid from now for <see cref="Validity"/>.</summary>
    public string Issue(string email, string? campaignId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var expiresAt = _clock.GetUtcNow() + Validity;
        var signed = string.Join('.',
            Version,
            expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Encode(campaignId ?? string.Empty),
            Encode(email.Trim().ToLowerInvariant()));
        return signed + "." + Base64Url.EncodeToString(Sign(_keys.Keys[0], signed));
    }

    /// <summary>Checks <paramref name="token"/>: its shape, its signature against every key, then its expiry.</summary>
    public UnsubscribeTokenCheck Verify(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return UnsubscribeTokenCheck.Refused(UnsubscribeTokenFault.Malformed);
        }
        var parts = token.Split('.');
        if (parts.Length != 5 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds)
            || expirySeconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || Decode(parts[2]) is not { } campaignId
            || Decode(parts[3]) is not { Length: > 0 } email
            || !Base64Url.IsValid(parts[4], out var signatureLength) || signatureLength != SignatureBytes)
        {
            return UnsubscribeTokenCheck.Refused(UnsubscribeTokenFault.Malformed);
        }
        var signature = Base64Url.DecodeFromChars(parts[4]);
        var signed = token[..token.LastIndexOf('.')];
        if (!_keys.Keys.Any(key => CryptographicOperations.FixedTimeEquals(Sign(key, signed), signature)))
        {
            return UnsubscribeTokenCheck.Refused(UnsubscribeTokenFault.Tampered);
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expirySeconds);
        return _clock.GetUtcNow() >= expiresAt
            ? UnsubscribeTokenCheck.Refused(UnsubscribeTokenFault.Expired)
            : UnsubscribeTokenCheck.Valid(new UnsubscribeToken(email, campaignId, expiresAt));
    }

    private static byte[] Sign(byte[] key, string signed) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(signed));

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string? Decode(string segment)
    {
        if (!Base64Url.IsValid(segment))
        {
            return null;
        }
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(segment));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
