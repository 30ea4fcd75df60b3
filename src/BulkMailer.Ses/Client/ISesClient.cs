using BulkMailer.Ses.Model;

namespace BulkMailer.Ses.Client;

/// <summary>
/// The SES v2 operations the sender uses: the two sends, and GetAccount for the account's send rate and quota. Failures throw <see cref="Errors.SesException"/> (classified,
/// with the ambiguity flag); cancellation through the caller's token throws OperationCanceledException.
/// </summary>
public interface ISesClient
{
    Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default);

    /// <summary>A whole-call failure throws; per-entry failures come back in the results with their status.</summary>
    Task<SendBulkEmailResponse> SendBulkEmailAsync(SendBulkEmailRequest request, CancellationToken cancellationToken = default);

    /// <summary>GET /v2/email/account: the account's <see cref="SendQuota"/> (needs ses:GetAccount).</summary>
    Task<GetAccountResponse> GetAccountAsync(CancellationToken cancellationToken = default);
}
