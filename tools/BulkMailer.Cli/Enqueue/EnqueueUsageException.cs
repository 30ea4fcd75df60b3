namespace BulkMailer.Cli.Enqueue;

/// <summary>A problem with the command line or the shape of the input (exit code 2), as opposed to bad data rows.</summary>
public sealed class EnqueueUsageException : Exception
{
    public EnqueueUsageException()
    {
    }

    public EnqueueUsageException(string message)
        : base(message)
    {
    }

    public EnqueueUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
