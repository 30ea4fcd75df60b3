namespace BulkMailer.LocalLambda.Reporting;

/// <summary>The files <see cref="RunReportWriter.WriteAsync"/> wrote.</summary>
public sealed record RunReportFiles(string Markdown, string Json, string Chart);
