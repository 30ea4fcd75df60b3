namespace BulkMailer.Ses.Errors;

/// <summary>
/// A send that did not produce a message id. <see cref="IsAmbiguous"/> is the fact the idempotency policy
/// needs: false means SES certainly did not accept the message (it refused with a 4xx, or the request body was never
/// written); true means it may have (a 5xx, a timeout or connection loss after the request went out).
/// </summary>
public sealed class SesException : Exception
{
    public SesException(SesErrorKind kind, string errorCode, string message, int? statusCode = null, bool isAmbiguous = false, string? awsRequestId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        ErrorCode = errorCode;
        StatusCode = statusCode;
        IsAmbiguous = isAmbiguous;
        AwsRequestId = awsRequestId;
    }

    public SesErrorKind Kind { get; }

    /// <summary>The SES error code (e.g. <c>TooManyRequestsException</c>), or a local one: <c>RequestTimeout</c>, <c>NetworkError</c>, <c>CredentialsUnavailable</c>, <c>InvalidResponse</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The HTTP status SES answered with; null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>True when SES may have accepted the message even though no answer says so.</summary>
    public bool IsAmbiguous { get; }

    /// <summary>SES refused for rate reasons (<see cref="SesErrorClassifier.IsThrottling"/> of <see cref="ErrorCode"/>).</summary>
    public bool IsThrottled => SesErrorClassifier.IsThrottling(ErrorCode);

    /// <summary>SES's <c>x-amzn-RequestId</c>, for support cases.</summary>
    public string? AwsRequestId { get; }
}
