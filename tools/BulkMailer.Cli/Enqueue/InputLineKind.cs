namespace BulkMailer.Cli.Enqueue;

/// <summary>What a line (or CSV record) of an input file turned out to be.</summary>
public enum InputLineKind
{
    /// <summary>A valid mail job.</summary>
    Job,

    /// <summary>A job the sender would reject, or text that is not a job; carries the reason.</summary>
    Invalid,

    /// <summary>Nothing to enqueue (an empty line, the CSV header).</summary>
    Blank,
}
