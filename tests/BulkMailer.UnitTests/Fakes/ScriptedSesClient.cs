using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;

namespace BulkMailer.UnitTests.Fakes;

/// <summary>
/// SES in memory, scripted by recipient: a SendEmail to a recipient in <see cref="Failures"/> throws that error, a
/// bulk entry for one in <see cref="BulkStatuses"/> answers that status, a bulk call holding one in
/// <see cref="BulkCallFailures"/> throws that error for the whole call (recording nothing); everything else is accepted
/// with the id <c>ses-{recipient}</c> (none for a recipient in <see cref="WithoutMessageId"/>). Records the recipient
/// of every mail it was asked to send.
/// </summary>
public sealed class ScriptedSesClient : ISesClient
{
    public Dictionary<string, SesException> Failures { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> BulkStatuses { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SesException> BulkCallFailures { get; } = new(StringComparer.Ordinal);

    public HashSet<string> WithoutMessageId { get; } = new(StringComparer.Ordinal);

    public List<string> Recipients { get; } = [];

    /// <summary>Called with the recipient of every SendEmail before it is answered (a test's way to let a call take time).</summary>
    public Action<string>? OnSend { get; set; }

    /// <summary>What GetAccount answers; null: it is refused (403 AccessDeniedException, a role without ses:GetAccount).</summary>
    public SendQuota? Account { get; set; }

    /// <summary>GetAccount calls made.</summary>
    public int AccountReads { get; private set; }

    public Task<GetAccountResponse> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        AccountReads++;
        return Account is { } quota
            ? Task.FromResult(new GetAccountResponse { SendQuota = quota })
            : Task.FromException<GetAccountResponse>(new SesException(SesErrorKind.Systemic, "AccessDeniedException", "not authorized to perform ses:GetAccount", 403, isAmbiguous: false, null));
    }

    public Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default)
    {
        var to = request.Destination!.ToAddresses![0];
        lock (Recipients)
        {
            Recipients.Add(to);
        }
        OnSend?.Invoke(to);
        return Failures.TryGetValue(to, out var error)
            ? Task.FromException<SendEmailResponse>(error)
            : Task.FromResult(new SendEmailResponse { MessageId = WithoutMessageId.Contains(to) ? null : $"ses-{to}" });
    }

    public Task<SendBulkEmailResponse> SendBulkEmailAsync(SendBulkEmailRequest request, CancellationToken cancellationToken = default)
    {
        if (request.BulkEmailEntries!.Select(e => e.Destination!.ToAddresses![0]).FirstOrDefault(BulkCallFailures.ContainsKey) is { } refused)
        {
            return Task.FromException<SendBulkEmailResponse>(BulkCallFailures[refused]);
        }
        var results = new List<BulkEmailEntryResult>();
        foreach (var to in request.BulkEmailEntries!.Select(e => e.Destination!.ToAddresses![0]))
        {
            lock (Recipients)
            {
                Recipients.Add(to);
            }
            results.Add(BulkStatuses.TryGetValue(to, out var status)
                ? new BulkEmailEntryResult { Status = status, Error = "scripted" }
                : new BulkEmailEntryResult { Status = BulkEmailStatus.Success, MessageId = WithoutMessageId.Contains(to) ? null : $"ses-{to}" });
        }
        return Task.FromResult(new SendBulkEmailResponse { BulkEmailEntryResults = results });
    }
}
