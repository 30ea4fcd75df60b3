namespace BulkMailer.Lambda.Runtime;

/// <summary>
/// The function's code as the invocation loop sees it. The token is cancelled only when the process is
/// shutting down; the invocation's deadline is on <see cref="InvocationRequest.Deadline"/> so that the
/// handler decides itself when to stop starting new work rather than being cut off mid-send.
/// </summary>
public delegate Task<InvocationResponse> LambdaHandler(InvocationRequest request, CancellationToken cancellationToken);
