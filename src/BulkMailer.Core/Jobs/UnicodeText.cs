namespace BulkMailer.Core.Jobs;

/// <summary>
/// Well-formed UTF-16, the form every byte sink of the sender needs: a lone surrogate cannot be encoded as UTF-8, so
/// PostgreSQL (through Npgsql's strict encoder) and SES (a JSON request body) would both refuse it.
/// </summary>
public static class UnicodeText
{
    /// <summary>True when every surrogate of <paramref name="text"/> is half of a high-low pair.</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }
            if (!IsPairAt(text, i))
            {
                return false;
            }
            i++;
        }
        return true;
    }

    /// <summary>
    /// At most <paramref name="maxChars"/> UTF-16 units of <paramref name="text"/>, never ending in the first half of a
    /// pair: cutting a pair would itself produce a lone surrogate.
    /// </summary>
    public static string Truncate(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        if (text.Length <= maxChars)
        {
            return text;
        }
        var end = maxChars > 0 && char.IsHighSurrogate(text[maxChars - 1]) && char.IsLowSurrogate(text[maxChars]) ? maxChars - 1 : maxChars;
        return text[..end];
    }

    private static bool IsPairAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
}
