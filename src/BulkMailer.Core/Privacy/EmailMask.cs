using System.Security.Cryptography;
using System.Text;

namespace BulkMailer.Core.Privacy;

/// <summary>
/// Makes an email address safe for logs: the first character of the local part, the domain, and a short
/// hash of the whole lower-cased address so that one recipient's log lines can still be correlated.
/// </summary>
public static class EmailMask
{
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "(none)";
        }
        var normalized = address.Trim().ToLowerInvariant();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..8];
        var at = normalized.LastIndexOf('@');
        return at <= 0 ? $"***#{hash}" : $"{normalized[0]}***{normalized[at..]}#{hash}";
    }
}
