namespace BulkMailer.Cli.Operations;

/// <summary>What an import read: data lines, addresses new to the list (the rest were listed already), bad lines skipped.</summary>
internal sealed record SuppressionImportCount(long Lines, long Added, long BadLines);
