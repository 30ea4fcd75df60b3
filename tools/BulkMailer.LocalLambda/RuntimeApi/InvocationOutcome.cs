using System.Text;

namespace BulkMailer.LocalLambda.RuntimeApi;

/// <summary>What the runtime posted for one invocation: its response, or its error with the error-type header.</summary>
public sealed class InvocationOutcome
{
    public InvocationOutcome(string requestId, bool isError, byte[] body, string? errorType)
    {
        RequestId = requestId;
        IsError = isError;
        Body = body;
        ErrorType = errorType;
    }

    public string RequestId { get; }

    /// <summary>True when posted to <c>/error</c>, false for <c>/response</c>.</summary>
    public bool IsError { get; }

    public byte[] Body { get; }

    /// <summary>The <c>Lambda-Runtime-Function-Error-Type</c> header of an error.</summary>
    public string? ErrorType { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);
}
