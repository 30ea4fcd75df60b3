namespace BulkMailer.Core.Feedback;

/// <summary>Turns what SES reports as a recipient into the form the suppression list stores.</summary>
public static class EmailAddresses
{
    /// <summary>
    /// <c>" Ada &lt;ADA@Example.com&gt; "</c> → <c>ada@example.com</c>; null for anything without a local part and a
    /// domain. The whole address is lower-cased because the suppression list is keyed case-insensitively
    /// (docs/contract.md §4, Database) and a suppression that misses on case would let mail through.
    /// </summary>
    public static string? Normalize(string? reported)
    {
        if (string.IsNullOrWhiteSpace(reported))
        {
            return null;
        }
        var address = reported.Trim();
        var open = address.LastIndexOf('<');
        var close = address.LastIndexOf('>');
        if (open >= 0 && close > open)
        {
            address = address[(open + 1)..close].Trim();
        }
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>'))
        {
            return null;
        }
        return address.ToLowerInvariant();
    }

    /// <summary>Normalized, de-duplicated and sorted (ordinal), skipping what is not an address.</summary>
    public static IReadOnlyList<string> NormalizeAll(IEnumerable<string?> reported) =>
        reported.Select(Normalize).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
