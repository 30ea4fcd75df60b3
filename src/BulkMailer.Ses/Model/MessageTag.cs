namespace BulkMailer.Ses.Model;

/// <summary>An SES message tag; it comes back in every event SES publishes for the message.</summary>
public sealed class MessageTag
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
