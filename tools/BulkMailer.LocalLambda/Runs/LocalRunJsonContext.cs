using System.Text.Json.Serialization;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>JSON for the few SES calls the local run makes itself (creating the sample template).</summary>
[JsonSerializable(typeof(TemplateRequest))]
internal sealed partial class LocalRunJsonContext : JsonSerializerContext;

/// <summary>SES v2 CreateEmailTemplate body.</summary>
internal sealed record TemplateRequest(
    [property: JsonPropertyName("TemplateName")] string TemplateName,
    [property: JsonPropertyName("TemplateContent")] TemplateContent TemplateContent);

/// <summary>SES v2 template content.</summary>
internal sealed record TemplateContent(
    [property: JsonPropertyName("Subject")] string Subject,
    [property: JsonPropertyName("Text")] string Text);
