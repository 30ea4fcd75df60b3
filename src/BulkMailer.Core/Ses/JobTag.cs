using System.Buffers.Text;
using System.Text;

namespace BulkMailer.Core.Ses;

/// <summary>
/// The SES message tag the sender puts on every mail so that feedback can find the job even when the
/// sender died before it recorded SES's message id. SES tag values allow only ASCII letters, digits,
/// '_' and '-', at most 256 of them, so the job id travels base64url-encoded (unpadded): the validator keeps job ids
/// within <see cref="BulkMailer.Core.Jobs.JobRules.MaxJobIdUtf8Bytes"/> UTF-8 bytes, which encode to at most 256 characters.
/// </summary>
public static class JobTag
{
    public const string Name = "bulkmailer-job";

    public static string Encode(string jobId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(jobId));

    /// <summary>Returns null for a value that is not a job id this sender wrote.</summary>
    public static string? TryDecode(string? value)
    {
        if (string.IsNullOrEmpty(value) || !Base64Url.IsValid(value))
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
