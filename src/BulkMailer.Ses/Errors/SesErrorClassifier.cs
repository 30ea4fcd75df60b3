using BulkMailer.Ses.Model;

namespace BulkMailer.Ses.Errors;

/// <summary>
/// Maps SES error codes, HTTP statuses and bulk entry statuses onto <see cref="SesErrorKind"/>. One table for
/// SendEmail and SendBulkEmail so a job is treated the same whichever call carried it.
/// </summary>
public static class SesErrorClassifier
{
    /// <summary>Classifies an error response by its code first and its HTTP status second.</summary>
    public static SesErrorKind Classify(string? errorCode, int? statusCode)
    {
        switch (errorCode)
        {
            case "TooManyRequestsException" or "LimitExceededException" or "ThrottlingException" or "Throttling"
                or "RequestTimeout" or "RequestTimeoutException" or "InternalFailure" or "InternalServiceError"
                or "ServiceUnavailable" or "ServiceUnavailableException":
                return SesErrorKind.Transient;
            case "SendingPausedException" or "AccountSuspendedException":
                return SesErrorKind.Systemic;
            // Credentials or IAM are wrong for every message alike: failing each job permanently would
            // throw the whole campaign away over a configuration error, so hand the batch back instead.
            case "AccessDeniedException" or "AccessDenied" or "UnrecognizedClientException" or "InvalidClientTokenId"
                or "SignatureDoesNotMatch" or "IncompleteSignature" or "ExpiredToken" or "ExpiredTokenException"
                or "MissingAuthenticationToken" or "MissingAuthenticationTokenException" or "InvalidSignatureException"
                or "CredentialsUnavailable":
                return SesErrorKind.Systemic;
            // The deployment's configuration, not the message: a missing template or configuration set, an unverified
            // MAIL FROM domain. The operator fixes it once and a redrive sends every job, so none is failed for it
            // (docs/operators.md, "What the sender does with each SES answer").
            case "NotFoundException" or "MailFromDomainNotVerifiedException" or "MailFromDomainNotVerified"
                or "TemplateDoesNotExist" or "TemplateDoesNotExistException"
                or "ConfigurationSetDoesNotExist" or "ConfigurationSetDoesNotExistException":
                return SesErrorKind.Systemic;
            case "MessageRejected" or "BadRequestException" or "InvalidParameterValue" or "ValidationException":
                return SesErrorKind.Permanent;
        }
        return statusCode switch
        {
            // No status at all: the request never got an answer (network, timeout).
            null => SesErrorKind.Transient,
            429 => SesErrorKind.Transient,
            >= 500 => SesErrorKind.Transient,
            // An answer that is not SES's (no error code: a wrong endpoint's 404, a proxy's page) says nothing about
            // the message, and every other message would get the same: hand the batch back.
            _ when errorCode is null => SesErrorKind.Systemic,
            401 or 403 => SesErrorKind.Systemic,
            >= 400 => SesErrorKind.Permanent,
            _ => SesErrorKind.Systemic,
        };
    }

    /// <summary>
    /// Whether an error answer with this status leaves open that SES accepted the mail: a 5xx comes after the request
    /// was sent, from SES or a gateway in front of it, and does not say whether the message was processed — so the
    /// job's lease is kept until a Send event can settle it. A 4xx (429 included) is a refusal: nothing was sent.
    /// </summary>
    public static bool IsAmbiguousStatus(int statusCode) => statusCode >= 500;

    /// <summary>
    /// Whether an error code (SendEmail, or a whole SendBulkEmail call) or a bulk entry status says SES refused for
    /// rate reasons — the sender's Throttled count, decided here and nowhere else. It sits beside the kind, which says
    /// what to do: a throttled send is transient (handed back), the exhausted daily quota systemic (batch stopped).
    /// </summary>
    public static bool IsThrottling(string? codeOrStatus) => codeOrStatus is
        "TooManyRequestsException" or "ThrottlingException" or "Throttling" or "LimitExceededException"
        or BulkEmailStatus.AccountThrottled or BulkEmailStatus.AccountDailyQuotaExceeded;

    /// <summary>
    /// Whether a throttling refusal (see <see cref="IsThrottling"/>) was over the 24-hour quota rather than the rate:
    /// SES answers both with the same code, telling them apart only by the message ("Daily message quota exceeded.") or,
    /// for a bulk entry, the status. The send governor slows down for the rate only.
    /// </summary>
    public static bool IsDailyQuotaRefusal(string? error) => error is not null
        && (error.Contains("Daily message quota", StringComparison.OrdinalIgnoreCase)
            || error.Contains(BulkEmailStatus.AccountDailyQuotaExceeded, StringComparison.Ordinal));

    /// <summary>Classifies one SendBulkEmail entry; null when the entry succeeded.</summary>
    public static SesErrorKind? ClassifyBulkStatus(string? status) => status switch
    {
        BulkEmailStatus.Success => null,
        BulkEmailStatus.MessageRejected or BulkEmailStatus.InvalidParameter => SesErrorKind.Permanent,
        // Configuration of the deployment, the same for every entry (see Classify).
        BulkEmailStatus.MailFromDomainNotVerified or BulkEmailStatus.ConfigurationSetDoesNotExist or BulkEmailStatus.ConfigurationSetNotFound
            or BulkEmailStatus.TemplateDoesNotExist or BulkEmailStatus.TemplateNotFound or BulkEmailStatus.InvalidSendingPoolName => SesErrorKind.Systemic,
        // The daily quota does not come back within the batch's lifetime; it is an account-wide stop, not a
        // per-message retry, so the rest of the batch must not be attempted.
        BulkEmailStatus.AccountSuspended or BulkEmailStatus.AccountSendingPaused
            or BulkEmailStatus.ConfigurationSetSendingPaused or BulkEmailStatus.AccountDailyQuotaExceeded => SesErrorKind.Systemic,
        BulkEmailStatus.AccountThrottled or BulkEmailStatus.TransientFailure or BulkEmailStatus.Failed => SesErrorKind.Transient,
        // An unknown status: retrying is bounded by the queue's maxReceiveCount, dropping is not recoverable.
        _ => SesErrorKind.Transient,
    };

    /// <summary>
    /// The bare error code from <c>x-amzn-ErrorType</c> (<c>Code:http://...</c>) or a body <c>__type</c>
    /// (<c>namespace#Code</c>).
    /// </summary>
    public static string? NormalizeCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            code = code[..colon];
        }
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }
        return code.Length == 0 ? null : code;
    }
}
