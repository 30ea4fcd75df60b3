using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Hosting;

/// <summary>Adapts a typed function (e.g. SqsEvent → SqsBatchResponse) to a byte-level <see cref="LambdaHandler"/>.</summary>
public static class LambdaHandlers
{
    public static LambdaHandler Json<TEvent, TResult>(
        JsonTypeInfo<TEvent> eventType,
        JsonTypeInfo<TResult> resultType,
        Func<TEvent, InvocationRequest, CancellationToken, Task<TResult>> function)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentNullException.ThrowIfNull(resultType);
        ArgumentNullException.ThrowIfNull(function);
        return async (request, cancellationToken) =>
        {
            var input = JsonSerializer.Deserialize(request.Payload.Span, eventType)
                ?? throw new JsonException("the event payload is JSON null");
            var result = await function(input, request, cancellationToken).ConfigureAwait(false);
            return InvocationResponse.FromJson(result, resultType);
        };
    }
}
