namespace BulkMailer.Ses.Model;

/// <summary>SES v2 <c>GetAccount</c> response, the part the sender reads: <see cref="SendQuota"/>.</summary>
public sealed class GetAccountResponse
{
    public SendQuota? SendQuota { get; set; }
}
