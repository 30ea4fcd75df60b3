using System.Text.Json.Serialization;

namespace BulkMailer.Lambda.Events;

/// <summary>One entry of <c>batchItemFailures</c>: the SQS message id to hand back.</summary>
public sealed class SqsBatchItemFailure
{
    [JsonPropertyName("itemIdentifier")]
    public string ItemIdentifier { get; set; } = "";
}
