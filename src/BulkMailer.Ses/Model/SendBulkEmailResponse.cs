namespace BulkMailer.Ses.Model;

/// <summary>One result per entry, in the order of <see cref="SendBulkEmailRequest.BulkEmailEntries"/>.</summary>
public sealed class SendBulkEmailResponse
{
    public List<BulkEmailEntryResult>? BulkEmailEntryResults { get; set; }
}
