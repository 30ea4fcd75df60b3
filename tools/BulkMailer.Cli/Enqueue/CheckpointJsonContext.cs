using System.Text.Json.Serialization;

namespace BulkMailer.Cli.Enqueue;

/// <summary>Source-generated JSON for the checkpoint file.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(Checkpoint))]
public sealed partial class CheckpointJsonContext : JsonSerializerContext;
