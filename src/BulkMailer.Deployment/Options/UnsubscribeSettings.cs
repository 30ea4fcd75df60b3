using System.Globalization;
using BulkMailer.Deployment.Packaging;

namespace BulkMailer.Deployment.Options;

/// <summary>
/// The unsubscribe function behind its function URL (docs/operators.md, Unsubscribe): no queue feeds it, so its reserved
/// concurrency alone bounds its environments — and the connections the budget counts for it.
/// </summary>
public sealed record UnsubscribeSettings
{
    /// <summary>Reserved concurrency. Default 2: one-click requests are rare and short; a burst beyond it is throttled (429), never a connection over the budget.</summary>
    public int ReservedConcurrency { get; init; } = 2;

    /// <summary>Memory in MB. Default 256.</summary>
    public int MemoryMb { get; init; } = 256;

    /// <summary>Timeout in seconds. Default 10: one insert and a small page.</summary>
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary>Days a link in a sent mail works (the sender's <c>BULKMAILER_UNSUBSCRIBE_VALIDITY_DAYS</c>). Default 60.</summary>
    public int LinkValidityDays { get; init; } = 60;

    /// <summary>Directory of the packaged <c>bootstrap</c>. Default <c>artifacts/lambda/unsubscribe</c>.</summary>
    public string CodePath { get; init; } = FunctionPackages.DefaultCodePath(FunctionPackages.Unsubscribe);

    /// <summary>Problems with these settings, each naming its context key.</summary>
    public IEnumerable<string> Validate()
    {
        var c = CultureInfo.InvariantCulture;
        const string Key = DeploymentContextKeys.Unsubscribe;
        if (ReservedConcurrency is < 1 or > 1000)
        {
            yield return string.Create(c, $"{Key}{DeploymentContextKeys.FunctionReservedConcurrency} = {ReservedConcurrency}: must be 1–1000 (0 would disable the function and every link).");
        }
        if (MemoryMb is < 128 or > 10240)
        {
            yield return string.Create(c, $"{Key}{DeploymentContextKeys.FunctionMemoryMb} = {MemoryMb}: a Lambda function has 128–10240 MB.");
        }
        if (TimeoutSeconds is < 1 or > 900)
        {
            yield return string.Create(c, $"{Key}{DeploymentContextKeys.FunctionTimeoutSeconds} = {TimeoutSeconds}: a Lambda timeout is 1–900 s.");
        }
        if (LinkValidityDays is < 1 or > 3650)
        {
            yield return string.Create(c, $"{DeploymentContextKeys.UnsubscribeLinkValidityDays} = {LinkValidityDays}: must be 1–3650 days.");
        }
        if (string.IsNullOrWhiteSpace(CodePath))
        {
            yield return $"{Key}{DeploymentContextKeys.FunctionCodePath} is empty: give the directory of the packaged unsubscribe function.";
        }
    }
}
