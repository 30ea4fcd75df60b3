namespace BulkMailer.Cli.Operations;

/// <summary>Where an SQS client goes: an endpoint override (a local emulator) and a region, each optional.</summary>
public sealed record SqsEndpoint(string? ServiceUrl, string? Region);
