using System.Buffers;
using System.Text.Json;

namespace BulkMailer.Lambda.Runtime;

/// <summary>
/// Lambda's standard error document (<c>errorMessage</c>, <c>errorType</c>, <c>stackTrace</c>, and
/// <c>cause</c> for an inner exception), written with Utf8JsonWriter so no serializer metadata is needed.
/// </summary>
public static class LambdaErrorJson
{
    private const int MaxCauseDepth = 5;

    /// <summary>The error type Lambda records for an exception: its type name, as the managed .NET runtime reports it.</summary>
    public static string ErrorType(Exception exception) => exception.GetType().Name;

    public static byte[] Write(Exception exception)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteError(writer, exception, 0);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteError(Utf8JsonWriter writer, Exception exception, int depth)
    {
        writer.WriteStartObject();
        writer.WriteString("errorMessage", exception.Message);
        writer.WriteString("errorType", ErrorType(exception));
        writer.WriteStartArray("stackTrace");
        if (exception.StackTrace is { } trace)
        {
            foreach (var line in trace.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                writer.WriteStringValue(line);
            }
        }
        writer.WriteEndArray();
        if (exception.InnerException is { } inner && depth < MaxCauseDepth)
        {
            writer.WritePropertyName("cause");
            WriteError(writer, inner, depth + 1);
        }
        writer.WriteEndObject();
    }
}
