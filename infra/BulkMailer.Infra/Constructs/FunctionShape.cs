using BulkMailer.Deployment.Options;

namespace BulkMailer.Infra.Constructs;

/// <summary>The sizing and code of one function, whatever invokes it (a queue or CloudFormation).</summary>
/// <param name="MemoryMb">Memory in MB.</param>
/// <param name="TimeoutSeconds">Timeout in seconds.</param>
/// <param name="ReservedConcurrency">The hard cap on environments, which the connection budget counts.</param>
/// <param name="CodePath">Directory of the packaged <c>bootstrap</c>.</param>
/// <param name="CodePathKey">The context key of <paramref name="CodePath"/>, for messages.</param>
public sealed record FunctionShape(int MemoryMb, int TimeoutSeconds, int ReservedConcurrency, string CodePath, string CodePathKey)
{
    /// <summary>The shape of a queue-fed function from its settings; <paramref name="keyPrefix"/> is its context key prefix.</summary>
    public static FunctionShape Of(FunctionDeploymentSettings settings, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.MemoryMb, settings.TimeoutSeconds, settings.ReservedConcurrency, settings.CodePath, keyPrefix + DeploymentContextKeys.FunctionCodePath);
    }
}
