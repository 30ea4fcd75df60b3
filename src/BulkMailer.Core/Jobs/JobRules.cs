namespace BulkMailer.Core.Jobs;

/// <summary>The limits a mail job must keep (docs/contract.md §2, Mail job), written down in one place.</summary>
public static class JobRules
{
    /// <summary>Job ids are the idempotency key and the primary key: 1–128 characters.</summary>
    public const int MaxJobIdLength = 128;

    /// <summary>
    /// The job id travels to SES base64url-encoded in the job tag (<c>JobTag</c>), and SES tag values are at most 256
    /// characters: 192 UTF-8 bytes encode to exactly 256. An ASCII id of 128 characters is far below; a non-ASCII one
    /// (up to 3 bytes a character) is not, so the byte length is checked too.
    /// </summary>
    public const int MaxJobIdUtf8Bytes = 192;

    /// <summary>
    /// Subject + text + html (+ template data) in UTF-8 bytes. SQS caps a message at 256 KiB, so a larger
    /// job could not have arrived intact; the limit leaves room for the envelope and headers.
    /// </summary>
    public const int MaxContentBytes = 200 * 1024;

    /// <summary>RFC 5321: a forward path is at most 254 characters.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>SES accepts at most 50 reply-to addresses; more is a caller bug.</summary>
    public const int MaxReplyTo = 50;

    /// <summary>SES v2 (MessageTagName, MessageTagValue): at most 256 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public const int MaxTagLength = 256;

    /// <summary>SES v2 (MessageHeaderList): at most 15 headers a message.</summary>
    public const int MaxHeaders = 15;

    /// <summary>SES v2 (MessageHeaderName): 1–126 printable ASCII characters without ':'.</summary>
    public const int MaxHeaderNameLength = 126;

    /// <summary>SES v2 (MessageHeaderValue): 1–995 printable ASCII characters, name and value together at most 996.</summary>
    public const int MaxHeaderValueLength = 995;

    /// <inheritdoc cref="MaxHeaderValueLength"/>
    public const int MaxHeaderLength = 996;

    /// <summary>SES configuration set names: 1–64 letters, digits, '_' and '-'.</summary>
    public const int MaxConfigurationSetLength = 64;

    /// <summary>A reject reason is for a person; past this it is cut (the column has no limit, a log line should).</summary>
    public const int MaxRejectReasonLength = 1000;

    /// <summary>SES allows 50 message tags; the sender adds its own (job id, campaign), so callers get fewer.</summary>
    public const int MaxCallerTags = 45;
}
