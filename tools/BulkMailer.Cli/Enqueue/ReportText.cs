using System.Text.RegularExpressions;
using BulkMailer.Core.Privacy;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// Makes reasons safe to print. System.Text.Json quotes the offending token in its messages, so a line holding
/// a bare address would otherwise put that address on the console; every address-like token is masked.
/// </summary>
internal static partial class ReportText
{
    public static string Redact(string? reason) =>
        string.IsNullOrEmpty(reason) ? string.Empty : AddressLike().Replace(reason, match => EmailMask.Mask(match.Value));

    [GeneratedRegex(@"[^\s'""<>,;:()\[\]@]+@[^\s'""<>,;:()\[\]@]+")]
    private static partial Regex AddressLike();
}
