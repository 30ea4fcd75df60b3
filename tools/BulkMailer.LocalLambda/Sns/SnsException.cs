using System.Net;

namespace BulkMailer.LocalLambda.Sns;

/// <summary>An SNS Query API error response (<c>ErrorResponse/Error</c>), or a response that was not SNS's XML.</summary>
public sealed class SnsException : Exception
{
    public SnsException(string action, HttpStatusCode statusCode, string code, string message)
        : base($"SNS {action} failed: {(int)statusCode} {code}: {message}")
    {
        Action = action;
        StatusCode = statusCode;
        Code = code;
    }

    public SnsException()
    {
        Action = "";
        Code = "";
    }

    public SnsException(string message) : base(message)
    {
        Action = "";
        Code = "";
    }

    public SnsException(string message, Exception innerException) : base(message, innerException)
    {
        Action = "";
        Code = "";
    }

    /// <summary>The Query API action that failed (<c>Publish</c>, …).</summary>
    public string Action { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>SNS's error code (<c>NotFound</c>, <c>InvalidParameter</c>, …).</summary>
    public string Code { get; }
}
