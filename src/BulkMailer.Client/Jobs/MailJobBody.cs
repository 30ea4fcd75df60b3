using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Client.Jobs;

/// <summary>
/// The SQS message body of a mail job, written once here for the real enqueue and for <c>bulkmailer enqueue
/// --dry-run</c>, so both measure the same bytes against the same limit. The job JSON (docs/contract.md) with
/// relaxed escaping: System.Text.Json's default escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, <c>'</c> and every
/// non-ASCII character as <c>\uXXXX</c> (6 bytes, 12 for an emoji), which can more than double an HTML body on its
/// way to SQS's 256 KiB limit. The body is never embedded in HTML, so the HTML-safety of the default buys nothing;
/// quotes, backslashes and control characters are still escaped, and the JSON means the same to the sender. Characters
/// beyond the Basic Multilingual Plane (emoji) stay <c>\uXXXX\uXXXX</c>: System.Text.Encodings.Web escapes them
/// under every encoder it has.
/// </summary>
public static class MailJobBody
{
    private static readonly JsonTypeInfo<MailJob> Compact = (JsonTypeInfo<MailJob>)new JsonSerializerOptions(MailJobJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.GetTypeInfo(typeof(MailJob));

    /// <summary>The body to send for <paramref name="job"/>.</summary>
    public static string Serialize(MailJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.Serialize(job, Compact);
    }

    /// <summary>The body's size as SQS counts it (UTF-8 bytes).</summary>
    public static int ByteCount(string body) => Encoding.UTF8.GetByteCount(body);

    /// <summary>Why a body of <paramref name="bytes"/> cannot be sent under <paramref name="limit"/>; null when it can.</summary>
    public static string? TooLarge(int bytes, int limit) =>
        bytes > limit ? $"the message body is {bytes} bytes, over the {limit}-byte limit" : null;
}
