using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>Source-generated (Native-AOT safe) JSON metadata for the Lambda event records.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext
{
}
