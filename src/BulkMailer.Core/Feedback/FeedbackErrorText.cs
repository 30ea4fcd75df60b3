using System.Text.RegularExpressions;
using BulkMailer.Core.Privacy;

namespace BulkMailer.Core.Feedback;

/// <summary>Parse errors reach logs and the stored row: what of the body they may repeat, and how.</summary>
internal static partial class FeedbackErrorText
{
    /// <summary>A type name from the body, cut short and stripped to harmless characters before it goes into an error (errors reach logs).</summary>
    public static string Echo(string value)
    {
        var safe = new string(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or ':').Take(40).ToArray());
        return safe.Length == 0 ? "?" : safe;
    }

    /// <summary>Errors reach logs; a JSON path can name a tag that happens to be an address.</summary>
    public static string MaskAddresses(string text) =>
        AddressLike().Replace(text, m => EmailMask.Mask(m.Value));

    [GeneratedRegex(@"[^\s'""\[\]<>@]+@[^\s'""\[\]<>@]+")]
    private static partial Regex AddressLike();
}
