using System.Text.Json.Serialization;

namespace BulkMailer.Core.Jobs;

/// <summary>
/// Source-generated (AOT-safe) JSON for the mail job wire format: camelCase, unknown fields ignored,
/// wrong types and missing required fields are errors (docs/contract.md §2, Mail job).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(MailJob))]
public sealed partial class MailJobJsonContext : JsonSerializerContext;
