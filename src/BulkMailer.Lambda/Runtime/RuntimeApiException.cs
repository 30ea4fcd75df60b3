namespace BulkMailer.Lambda.Runtime;

/// <summary>The Runtime API answered with a status the runtime cannot continue from.</summary>
public sealed class RuntimeApiException : Exception
{
    public RuntimeApiException(string message, int statusCode, string? responseBody)
        : base(message)
    {
        StatusCode = statusCode;
        ResponseBody = responseBody;
    }

    public int StatusCode { get; }

    public string? ResponseBody { get; }
}
