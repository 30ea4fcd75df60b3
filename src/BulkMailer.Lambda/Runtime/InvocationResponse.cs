using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace BulkMailer.Lambda.Runtime;

/// <summary>The body posted to <c>/invocation/{id}/response</c>. Bytes, so the loop never needs a serializer.</summary>
public sealed class InvocationResponse
{
    private InvocationResponse(ReadOnlyMemory<byte> body) => Body = body;

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>An empty body: what a handler returning nothing posts.</summary>
    public static InvocationResponse Empty { get; } = new(ReadOnlyMemory<byte>.Empty);

    public static InvocationResponse FromBytes(ReadOnlyMemory<byte> body) => new(body);

    /// <summary>Serializes with source-generated metadata so the response path stays Native-AOT safe.</summary>
    public static InvocationResponse FromJson<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}
