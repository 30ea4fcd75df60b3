namespace BulkMailer.Ses.Model;

/// <summary>Per-destination template data (a JSON object as a string), merged over the default data.</summary>
public sealed class ReplacementTemplate
{
    public string? ReplacementTemplateData { get; set; }
}
