namespace BulkMailer.Ses.Model;

/// <summary>Per-destination content of a bulk send.</summary>
public sealed class ReplacementEmailContent
{
    public ReplacementTemplate? ReplacementTemplate { get; set; }
}
