namespace BulkMailer.LocalLambda.Environments;

/// <summary>What an invocation ended with, as the Lambda service sees it.</summary>
/// <param name="Response">The function's response body (success) or error body (function error); empty on timeout/crash.</param>
public sealed record InvocationResult(InvocationStatus Status, string Response, TimeSpan Duration, bool ColdStart);
