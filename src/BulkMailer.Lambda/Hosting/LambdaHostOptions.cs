using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Hosting;

/// <summary>Test and tooling seams for <see cref="LambdaHost"/>; a deployed function passes none of them.</summary>
public sealed class LambdaHostOptions
{
    /// <summary>Defaults to <see cref="RuntimeApiClient.FromEnvironment"/>.</summary>
    public IRuntimeApiClient? Client { get; init; }

    public JsonLogger? Logger { get; init; }

    /// <summary>Stops the host as SIGTERM would; lets tests run the host in-process.</summary>
    public CancellationToken StopToken { get; init; }

    /// <summary>Off in tests that run several hosts in one process.</summary>
    public bool HandleSigterm { get; init; } = true;
}
