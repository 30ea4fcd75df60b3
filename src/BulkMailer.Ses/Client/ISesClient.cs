using BulkMailer.Ses.Model;

namespace BulkMailer.Ses.Client;

/// <summary>
/// The two SES v2 operations the sender uses. Failures throw <see cref="Errors.SesException"/> (classified,
/// with the ambiguity flag); cancellation through the caller's token throws OperationCanceledException.
/// </summary>
public interface ISesClient
{
    Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default);

    /// <summary>A whole-call failure throws; per-entry failures come back in the results with their status.</summary>
    Task<SendBulkEmailResponse> SendBulkEmailAsync(SendBulkEmailRequest request, CancellationToken cancellationToken = default);
}
