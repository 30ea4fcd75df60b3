using BulkMailer.Core.Jobs;

namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// One unit of an input file: a JSONL line or a CSV record, numbered by the physical line it starts on (1-based),
/// which is what an operator sees in an editor and what the checkpoint records.
/// </summary>
public sealed record InputLine(long LineNumber, InputLineKind Kind, MailJob? Job, string? Error)
{
    public static InputLine ForJob(long lineNumber, MailJob job) => new(lineNumber, InputLineKind.Job, job, null);

    public static InputLine ForInvalid(long lineNumber, string error) => new(lineNumber, InputLineKind.Invalid, null, error);

    public static InputLine ForBlank(long lineNumber) => new(lineNumber, InputLineKind.Blank, null, null);
}
