using System.Net;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.LocalServers.Ses;

/// <summary>How SES v2 answers over HTTP: JSON, a request id, and on errors the error type header the SDKs read.</summary>
public static class SesReply
{
    /// <param name="errorType">The <c>x-amzn-ErrorType</c> header as it should go out; null on success.</param>
    public static Task WriteAsync(HttpListenerContext context, int status, string body, string? errorType)
    {
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString("D");
        if (errorType is not null)
        {
            context.Response.Headers["x-amzn-ErrorType"] = errorType;
        }
        return LoopbackHttpServer.ReplyAsync(context, status, body);
    }
}
