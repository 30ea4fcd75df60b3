namespace BulkMailer.Cli.Operations;

/// <summary>A usage error an operators' command found after parsing (a missing --db, a bad address); exit code 2.</summary>
public sealed class OperatorUsageException(string message) : Exception(message);
