using System.Buffers;
using System.Text;
using System.Text.Json;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Observability;

/// <summary>
/// Structured logs: one JSON object per line on stdout (<c>timestamp</c>, <c>level</c>, <c>requestId</c>,
/// <c>message</c>, then the fields), which Lambda ships to CloudWatch Logs as one event each and Logs Insights
/// parses without configuration. Email addresses are masked in every string written.
/// </summary>
public sealed class JsonLogger
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    private readonly TextWriter _output;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();

    public JsonLogger(TextWriter output, LogSeverity minimum = LogSeverity.Info, TimeProvider? clock = null)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        Minimum = minimum;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Stdout, minimum level from <see cref="FunctionVariables.LogLevel"/> (debug/info/warn/error), Info when unset.</summary>
    public static JsonLogger Default { get; } = new(Console.Out, ParseLevel(FunctionEnvironment.FromProcess().LogLevel));

    public LogSeverity Minimum { get; }

    public void Debug(string message, params ReadOnlySpan<LogField> fields) => Log(LogSeverity.Debug, message, null, fields);

    public void Info(string message, params ReadOnlySpan<LogField> fields) => Log(LogSeverity.Info, message, null, fields);

    public void Warn(string message, params ReadOnlySpan<LogField> fields) => Log(LogSeverity.Warn, message, null, fields);

    public void Error(string message, Exception? exception, params ReadOnlySpan<LogField> fields) => Log(LogSeverity.Error, message, exception, fields);

    public void Log(LogSeverity level, string message, Exception? exception, params ReadOnlySpan<LogField> fields)
    {
        if (level < Minimum)
        {
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("level", LevelName(level));
            if (InvocationScope.CurrentRequestId is { } requestId)
            {
                writer.WriteString("requestId", requestId);
            }
            writer.WriteString("message", EmailRedaction.Redact(message));
            foreach (var field in fields)
            {
                WriteField(writer, field);
            }
            if (exception is not null)
            {
                writer.WriteString("errorType", exception.GetType().Name);
                writer.WriteString("errorMessage", EmailRedaction.Redact(exception.Message));
                writer.WriteString("stackTrace", exception.StackTrace);
                if (exception.InnerException is { } inner)
                {
                    writer.WriteString("innerErrorType", inner.GetType().Name);
                    writer.WriteString("innerErrorMessage", EmailRedaction.Redact(inner.Message));
                }
            }
            writer.WriteEndObject();
        }
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        // One WriteLine per event under a lock: concurrent tasks of one invocation must not interleave lines.
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static void WriteField(Utf8JsonWriter writer, in LogField field)
    {
        switch (field.Kind)
        {
            case LogField.FieldKind.Text:
                writer.WriteString(field.Name, EmailRedaction.Redact(field.Text));
                break;
            case LogField.FieldKind.Integer:
                writer.WriteNumber(field.Name, field.Integer);
                break;
            case LogField.FieldKind.Real:
                if (double.IsFinite(field.Real))
                {
                    writer.WriteNumber(field.Name, field.Real);
                }
                else
                {
                    writer.WriteString(field.Name, field.Real.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                break;
            case LogField.FieldKind.Flag:
                writer.WriteBoolean(field.Name, field.Flag);
                break;
        }
    }

    private static string LevelName(LogSeverity level) => level switch
    {
        LogSeverity.Debug => "DEBUG",
        LogSeverity.Info => "INFO",
        LogSeverity.Warn => "WARN",
        _ => "ERROR",
    };

    private static LogSeverity ParseLevel(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "DEBUG" or "TRACE" => LogSeverity.Debug,
        "WARN" or "WARNING" => LogSeverity.Warn,
        "ERROR" => LogSeverity.Error,
        _ => LogSeverity.Info,
    };
}
