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
                or "MissingAuthenticationToken" or "InvalidSignatureException" or "CredentialsUnavailable":
                return SesErrorKind.Systemic;
            case "MessageRejected" or "BadRequestException" or "MailFromDomainNotVerifiedException" or "NotFoundException"
                or "InvalidParameterValue" or "ValidationException":
                return SesErrorKind.Permanent;
        }
        return statusCode switch
        {
            429 => SesErrorKind.Transient,
            401 or 403 => SesErrorKind.Systemic,
            >= 500 => SesErrorKind.Transient,
            >= 400 => SesErrorKind.Permanent,
            // No status at all: the request never got an answer (network, timeout).
            _ => SesErrorKind.Transient,
        };
    }

    /// <summary>
    /// Whether an error code (SendEmail, or a whole SendBulkEmail call) or a bulk entry status says SES refused for
    /// rate reasons — the sender's Throttled count, decided here and nowhere else. It sits beside the kind, which says
    /// what to do: a throttled send is transient (handed back), the exhausted daily quota systemic (batch stopped).
    /// </summary>
    public static bool IsThrottling(string? codeOrStatus) => codeOrStatus is
        "TooManyRequestsException" or "ThrottlingException" or "Throttling" or "LimitExceededException"
        or BulkEmailStatus.AccountThrottled or BulkEmailStatus.AccountDailyQuotaExceeded;

    /// <summary>Classifies one SendBulkEmail entry; null when the entry succeeded.</summary>
    public static SesErrorKind? ClassifyBulkStatus(string? status) => status switch
    {
        BulkEmailStatus.Success => null,
        BulkEmailStatus.MessageRejected or BulkEmailStatus.MailFromDomainNotVerified
            or BulkEmailStatus.ConfigurationSetDoesNotExist or BulkEmailStatus.TemplateDoesNotExist
            or BulkEmailStatus.InvalidSendingPoolName or BulkEmailStatus.InvalidParameter => SesErrorKind.Permanent,
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
