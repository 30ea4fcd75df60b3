namespace BulkMailer.Cli.Enqueue;

/// <summary>
/// What a rerun of <c>bulkmailer enqueue</c> needs to continue without enqueueing a line twice: every line up to
/// <see cref="Line"/> is settled (acknowledged by SQS, invalid, or blank) except <see cref="FailedLines"/>, which
/// failed after retries and are attempted again on the rerun.
/// </summary>
/// <param name="SourceFile">Full path of the input file, for the operator's eyes.</param>
/// <param name="SourceLength">The input's size in bytes when the checkpoint was written; a different size means another file.</param>
/// <param name="Line">The highest line number up to which every line is settled.</param>
/// <param name="FailedLines">Lines at or below <see cref="Line"/> that failed and are not enqueued, ascending.</param>
public sealed record Checkpoint(string SourceFile, long SourceLength, long Line, IReadOnlyList<long> FailedLines)
{
    /// <summary>The format version; bumped if the meaning of the fields ever changes.</summary>
    public int Version { get; init; } = 1;
}
