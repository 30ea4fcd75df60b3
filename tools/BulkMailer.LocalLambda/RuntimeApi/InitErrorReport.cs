using System.Text;

namespace BulkMailer.LocalLambda.RuntimeApi;

/// <summary>What the runtime posted to <c>/init/error</c>.</summary>
public sealed class InitErrorReport
{
    public InitErrorReport(byte[] body, string? errorType)
    {
        Body = body;
        ErrorType = errorType;
    }

    public byte[] Body { get; }

    public string? ErrorType { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);
}
