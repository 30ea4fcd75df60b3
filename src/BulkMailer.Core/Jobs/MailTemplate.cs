using System.Text.Json;

namespace BulkMailer.Core.Jobs;

/// <summary>An SES template reference with its per-recipient replacement data (docs/contract.md §2, Mail job).</summary>
public sealed record MailTemplate
{
    public required string Name { get; init; }

    /// <summary>Replacement data, passed to SES as a JSON object.</summary>
    public JsonElement? Data { get; init; }
}
