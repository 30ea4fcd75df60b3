namespace BulkMailer.Ses.Model;

/// <summary>Simple content: subject, text and/or HTML body, and extra MIME headers (SES v2 <c>Simple.Headers</c>).</summary>
public sealed class Message
{
    public Content? Subject { get; set; }

    public Body? Body { get; set; }

    public List<MessageHeader>? Headers { get; set; }
}
