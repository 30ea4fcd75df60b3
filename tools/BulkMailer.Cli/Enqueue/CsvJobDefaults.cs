namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// The command-line values a CSV row is completed with: <c>--template</c>, <c>--from</c> (unless the row has a
/// <c>from</c> column) and <c>--campaign</c> (the job id prefix unless the file has a <c>jobId</c> column).
/// </summary>
public sealed record CsvJobDefaults(string? Template, string? From, string? Campaign);
