namespace BulkMailer.Cli.Enqueue;

/// <summary>The layouts <c>bulkmailer enqueue</c> reads.</summary>
public enum InputFormat
{
    /// <summary>Decide from the file name: <c>.csv</c> is CSV, anything else JSONL.</summary>
    Auto,

    /// <summary>One mail job (the JSON of docs/contract.md §2, Mail job) per line.</summary>
    Jsonl,

    /// <summary>A header row, then one recipient per row; non-reserved columns become template data.</summary>
    Csv,
}
