namespace BulkMailer.Lambda.Observability;

/// <summary>Log levels of <see cref="JsonLogger"/>, written upper-case as Lambda's own JSON log format does.</summary>
public enum LogSeverity
{
    Debug,
    Info,
    Warn,
    Error,
}
