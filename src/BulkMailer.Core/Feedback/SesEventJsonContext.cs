using System.Text.Json.Serialization;
using BulkMailer.Core.Feedback.Events;

namespace BulkMailer.Core.Feedback;

/// <summary>
/// Source-generated (AOT-safe) JSON for SES events. Unknown fields are ignored (SES adds fields over time);
/// a known field of the wrong type is an error. Nulls are not written, so written events look like SES's.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(SesEvent))]
internal sealed partial class SesEventJsonContext : JsonSerializerContext;
