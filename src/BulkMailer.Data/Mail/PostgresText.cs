using System.Text;

namespace BulkMailer.Data.Mail;

/// <summary>
/// Makes arbitrary .NET text storable in a PostgreSQL <c>text</c> column. Feedback carries strings decoded from
/// outside JSON (diagnostic codes, tags, addresses), and JSON may spell a NUL (<c>\u0000</c>) or a lone surrogate
/// (<c>\ud800</c>): PostgreSQL refuses the first and the UTF-8 encoder the second, which would fail the whole batch
/// on every redelivery. Both become U+FFFD, so the event is still recorded and the batch goes through. The sender's
/// claim cleans the same way: an invalid job's recipient or campaign may hold either, and the job must still be
/// recorded rejected. Replacing a unit by one unit keeps the length, so a text cut to a column's limit stays within it.
/// </summary>
internal static class PostgresText
{
    public static string? Clean(string? text)
    {
        if (text is null || IsClean(text))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return builder.ToString();
    }

    private static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
