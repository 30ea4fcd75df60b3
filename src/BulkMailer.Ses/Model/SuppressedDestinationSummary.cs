namespace BulkMailer.Ses.Model;

/// <summary>
/// One address on the account-level suppression list. <see cref="Reason"/> is <c>BOUNCE</c> or <c>COMPLAINT</c> in
/// SES's model; its <c>LastUpdateTime</c> is not read.
/// </summary>
public sealed class SuppressedDestinationSummary
{
    public string? EmailAddress { get; set; }

    public string? Reason { get; set; }
}
