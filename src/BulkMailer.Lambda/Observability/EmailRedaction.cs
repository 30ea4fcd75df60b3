using System.Text.RegularExpressions;

namespace BulkMailer.Lambda.Observability;

/// <summary>
/// Masks anything shaped like an email address (<c>ada@example.com</c> → <c>a***@example.com</c>). Applied by
/// the logger to every message and string field, because SES error messages quote addresses and an
/// exception's text would otherwise carry them into the logs.
/// </summary>
public static partial class EmailRedaction
{
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal))
        {
            return text;
        }
        return Address().Replace(text, match => match.Groups["first"].Value + "***@" + match.Groups["domain"].Value);
    }

    [GeneratedRegex(@"(?<first>[A-Za-z0-9_%+\-])[A-Za-z0-9._%+\-]*@(?<domain>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
