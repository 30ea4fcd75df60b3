using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BulkMailer.Core.Jobs;

/// <summary>
/// The one implementation of mail-job validation (docs/contract.md §2, Mail job), shared by the sender Lambda and the
/// client library so that a job the client accepts is a job the sender sends.
/// </summary>
public static partial class JobValidator
{
    /// <summary>Parses an SQS body into a job, or explains in one sentence why it is rejected.</summary>
    /// <param name="configurationSets">The sets this deployment may send with; null (the client library, which does not
    /// know the deployment) checks only the name's form.</param>
    public static JobParseResult Parse(string body, ConfigurationSetAllowList? configurationSets = null)
    {
        MailJob? job;
        try
        {
            job = JsonSerializer.Deserialize(body, MailJobJsonContext.Default.MailJob);
        }
        catch (JsonException ex)
        {
            return JobParseResult.Rejected(null, DescribeJsonError(ex));
        }
        if (job is null)
        {
            return JobParseResult.Rejected(null, "body is JSON null, not a mail job object");
        }
        var error = Validate(job, configurationSets);
        return error is null ? JobParseResult.Valid(job) : JobParseResult.Rejected(job, error);
    }

    /// <summary>Returns null when the job is valid, else the reason it is rejected.</summary>
    /// <param name="configurationSets">See <see cref="Parse"/>.</param>
    public static string? Validate(MailJob job, ConfigurationSetAllowList? configurationSets = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (string.IsNullOrEmpty(job.JobId) || job.JobId.Length > JobRules.MaxJobIdLength)
        {
            return $"jobId must be 1-{JobRules.MaxJobIdLength} characters";
        }
        if (job.JobId.Any(char.IsControl))
        {
            return "jobId contains control characters";
        }
        if (!UnicodeText.IsWellFormed(job.JobId))
        {
            return "jobId is not valid Unicode (it holds a lone surrogate)";
        }
        if (Encoding.UTF8.GetByteCount(job.JobId) > JobRules.MaxJobIdUtf8Bytes)
        {
            return $"jobId must be at most {JobRules.MaxJobIdUtf8Bytes} bytes in UTF-8 (it travels in an SES tag of at most {JobRules.MaxTagLength} characters)";
        }
        if (job.CampaignId is { } campaign && (campaign.Length > JobRules.MaxJobIdLength || campaign.Any(char.IsControl) || !UnicodeText.IsWellFormed(campaign)))
        {
            return $"campaignId must be at most {JobRules.MaxJobIdLength} characters of valid Unicode without control characters";
        }
        return ValidateAddresses(job) ?? ValidateContent(job) ?? ValidateConfigurationSet(job, configurationSets) ?? ValidateHeaders(job) ?? ValidateTags(job);
    }

    private static string? ValidateAddresses(MailJob job)
    {
        if (!TryParseMailbox(job.From, out _))
        {
            return "from is not a valid mailbox (address or \"Name <address>\")";
        }
        if (!TryParseMailbox(job.To, out _))
        {
            return "to must be exactly one valid recipient address";
        }
        if (job.ReplyTo is { } replyTo)
        {
            if (replyTo.Count > JobRules.MaxReplyTo)
            {
                return $"replyTo has more than {JobRules.MaxReplyTo} addresses";
            }
            if (replyTo.Any(r => !TryParseMailbox(r, out _)))
            {
                return "replyTo contains an invalid address";
            }
        }
        return null;
    }

    private static string? ValidateContent(MailJob job)
    {
        if (job.Template is { } template)
        {
            if (string.IsNullOrWhiteSpace(template.Name) || HasLineBreakOrControl(template.Name))
            {
                return "template.name must be a non-empty single-line name";
            }
            if (template.Data is { } data && data.ValueKind != JsonValueKind.Object)
            {
                return "template.data must be a JSON object";
            }
        }
        else
        {
            if (string.IsNullOrEmpty(job.Subject))
            {
                return "either template or subject with text or html is required";
            }
            if (string.IsNullOrEmpty(job.Text) && string.IsNullOrEmpty(job.Html))
            {
                return "at least one of text or html is required";
            }
        }
        if (job.Subject is { } subject && HasLineBreakOrControl(subject))
        {
            return "subject contains CR, LF or another control character";
        }
        if (ContentBytes(job) > JobRules.MaxContentBytes)
        {
            return $"content is larger than {JobRules.MaxContentBytes} bytes";
        }
        return null;
    }

    private static string? ValidateConfigurationSet(MailJob job, ConfigurationSetAllowList? configurationSets)
    {
        if (job.ConfigurationSet is not { } configurationSet)
        {
            return null;
        }
        if (!ConfigurationSetAllowList.IsValidName(configurationSet))
        {
            return "configurationSet is not a valid SES configuration set name";
        }
        if (configurationSets is not null && !configurationSets.Permits(configurationSet))
        {
            return $"configurationSet {configurationSet} is not one this deployment may send with (its default configuration set or an allowed one)";
        }
        return null;
    }

    // SES v2's MessageHeader: name printable ASCII without ':' (1-126), value printable ASCII (1-995), together at most 996.
    private static string? ValidateHeaders(MailJob job)
    {
        if (job.Headers is not { } headers)
        {
            return null;
        }
        if (headers.Count > JobRules.MaxHeaders)
        {
            return $"at most {JobRules.MaxHeaders} headers are allowed";
        }
        foreach (var (name, value) in headers)
        {
            if (!HeaderName().IsMatch(name))
            {
                return "a header name is not a valid RFC 5322 field name";
            }
            if (HasLineBreakOrControl(value))
            {
                return $"header {name} contains CR, LF or another control character";
            }
            if (!HeaderValue().IsMatch(value) || name.Length + value.Length > JobRules.MaxHeaderLength)
            {
                return $"header {name} must be 1-{JobRules.MaxHeaderValueLength} printable ASCII characters (name and value at most {JobRules.MaxHeaderLength})";
            }
        }
        return null;
    }

    private static string? ValidateTags(MailJob job)
    {
        if (job.Tags is not { } tags)
        {
            return null;
        }
        if (tags.Count > JobRules.MaxCallerTags)
        {
            return $"at most {JobRules.MaxCallerTags} tags are allowed";
        }
        foreach (var (name, value) in tags)
        {
            if (!TagText().IsMatch(name) || !TagText().IsMatch(value))
            {
                return $"tag names and values may hold only ASCII letters, digits, '_' and '-' (1-{JobRules.MaxTagLength} characters)";
            }
            if (name.StartsWith("bulkmailer", StringComparison.OrdinalIgnoreCase))
            {
                return "tag names starting with 'bulkmailer' are reserved";
            }
        }
        return null;
    }

    /// <summary>
    /// Accepts <c>addr@domain</c> or <c>Display Name &lt;addr@domain&gt;</c>; yields the bare address.
    /// Deliberately stricter than RFC 5322 (no comments, no quoted local parts, no lists):
    /// one job is one recipient, and SES rejects the exotic forms anyway.
    /// </summary>
    public static bool TryParseMailbox(string? mailbox, out string address)
    {
        address = string.Empty;
        if (string.IsNullOrWhiteSpace(mailbox) || HasLineBreakOrControl(mailbox))
        {
            return false;
        }
        var text = mailbox.Trim();
        if (text.EndsWith('>'))
        {
            var open = text.LastIndexOf('<');
            if (open < 0)
            {
                return false;
            }
            var display = text[..open];
            if (display.Contains('<') || display.Contains('>') || display.Contains(',') && !display.TrimStart().StartsWith('"'))
            {
                return false;
            }
            text = text[(open + 1)..^1];
        }
        if (text.Length > JobRules.MaxAddressLength || !AddrSpec().IsMatch(text))
        {
            return false;
        }
        address = text;
        return true;
    }

    private static int ContentBytes(MailJob job) =>
        Encoding.UTF8.GetByteCount(job.Subject ?? string.Empty)
        + Encoding.UTF8.GetByteCount(job.Text ?? string.Empty)
        + Encoding.UTF8.GetByteCount(job.Html ?? string.Empty)
        + (job.Template?.Data is { } data ? Encoding.UTF8.GetByteCount(data.GetRawText()) : 0);

    private static bool HasLineBreakOrControl(string value) => value.Any(c => char.IsControl(c) && c != '\t');

    private static string DescribeJsonError(JsonException ex)
    {
        var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
        var what = ex.Message.Split(" Path:", 2)[0].Split(". LineNumber", 2)[0];
        return $"not a valid mail job{where}: {what}";
    }

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex AddrSpec();

    // SES v2's MessageHeaderName pattern ^[!-9;-@A-~]+$, at most 126.
    [GeneratedRegex(@"^[\x21-\x39\x3B-\x7E]{1,126}$")]
    private static partial Regex HeaderName();

    // SES v2's MessageHeaderValue pattern [ -~]*, 1-995.
    [GeneratedRegex(@"^[\x20-\x7E]{1,995}$")]
    private static partial Regex HeaderValue();

    /// <summary>SES v2 tag names and values (MessageTagName, MessageTagValue): 1–256 ASCII letters, digits, '_', '-'.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TagText();
}
