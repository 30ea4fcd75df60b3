namespace BulkMailer.Ses.Model;

/// <summary>Recipients of one message.</summary>
public sealed class Destination
{
    public List<string>? ToAddresses { get; set; }

    public List<string>? CcAddresses { get; set; }

    public List<string>? BccAddresses { get; set; }
}
