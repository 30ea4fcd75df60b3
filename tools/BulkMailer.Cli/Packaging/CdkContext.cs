using System.Text.Json;
using BulkMailer.Deployment.Options;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.Cli.Packaging;

/// <summary>Reads the repository's cdk.json context, so `package` builds for the architecture the default deploy uses.</summary>
public static class CdkContext
{
    /// <summary><c>bulkmailer.architecture</c> from cdk.json, or the deployment default when it is absent.</summary>
    public static FunctionArchitecture Architecture(string? cdkJsonPath = null)
    {
        var path = cdkJsonPath ?? Path.Combine(RepoPaths.Root, "cdk.json");
        if (!File.Exists(path))
        {
            return DeploymentOptions.Default.Architecture;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("context", out var context)
            && context.TryGetProperty(DeploymentContextKeys.Architecture, out var value)
            && value.ValueKind == JsonValueKind.String)
        {
            return ParseArchitecture(value.GetString()!)
                ?? throw new InvalidOperationException($"cdk.json: {DeploymentContextKeys.Architecture} = '{value.GetString()}' (arm64 or x86_64)");
        }
        return DeploymentOptions.Default.Architecture;
    }

    /// <summary>arm64 or x86_64 (also x64, amd64); null for anything else.</summary>
    public static FunctionArchitecture? ParseArchitecture(string text) => text.Trim().ToLowerInvariant() switch
    {
        "arm64" or "aarch64" => FunctionArchitecture.Arm64,
        "x86_64" or "x64" or "amd64" => FunctionArchitecture.X86_64,
        _ => null,
    };
}
