namespace BulkMailer.Ses.Model;

/// <summary>Stored-template content: the template's name and its data as a JSON string.</summary>
public sealed class Template
{
    public string? TemplateName { get; set; }

    public string? TemplateArn { get; set; }

    /// <summary>A JSON object serialized to a string, as the API requires.</summary>
    public string? TemplateData { get; set; }

    public List<MessageHeader>? Headers { get; set; }
}
