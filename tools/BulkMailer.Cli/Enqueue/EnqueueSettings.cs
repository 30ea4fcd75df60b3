namespace BulkMailer.Cli.Enqueue;

/// <summary>The parsed command line of <c>bulkmailer enqueue</c>.</summary>
public sealed record EnqueueSettings
{
    public required string FilePath { get; init; }

    public string? QueueUrl { get; init; }

    public InputFormat Format { get; init; } = InputFormat.Auto;

    public CsvJobDefaults CsvDefaults { get; init; } = new(null, null, null);

    public bool DryRun { get; init; }

    /// <summary>Null: <c>FILE.checkpoint</c> beside the input.</summary>
    public string? CheckpointPath { get; init; }

    public int MaxInFlight { get; init; } = 8;

    public int MaxAttempts { get; init; } = 5;

    /// <summary>Null: the SDK's own resolution (<c>AWS_ENDPOINT_URL_SQS</c>, <c>AWS_ENDPOINT_URL</c>, then AWS).</summary>
    public string? EndpointUrl { get; init; }

    public string? Region { get; init; }

    public string EffectiveCheckpointPath => CheckpointPath ?? FilePath + ".checkpoint";

    public InputFormat EffectiveFormat => Format != InputFormat.Auto
        ? Format
        : FilePath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? InputFormat.Csv : InputFormat.Jsonl;
}
