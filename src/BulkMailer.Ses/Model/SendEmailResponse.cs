namespace BulkMailer.Ses.Model;

/// <summary>SES v2 <c>SendEmail</c> response: the id SES gives the message (and puts in every feedback event).</summary>
public sealed class SendEmailResponse
{
    public string? MessageId { get; set; }
}
