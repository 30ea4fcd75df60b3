using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>Source-generated (Native-AOT safe) JSON metadata for function URL requests and answers.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FunctionUrlRequest))]
[JsonSerializable(typeof(FunctionUrlResponse))]
public sealed partial class FunctionUrlJsonContext : JsonSerializerContext
{
}
