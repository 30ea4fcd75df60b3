namespace BulkMailer.Cli.Operations;

/// <summary>What <see cref="SesAccountSuppressionImport"/> did: pages read, addresses SES listed, addresses newly suppressed.</summary>
public sealed record SesAccountImportCount(int Pages, int Addresses, int Added);
