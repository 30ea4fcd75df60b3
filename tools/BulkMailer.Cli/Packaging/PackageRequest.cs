using BulkMailer.Deployment.Options;
using BulkMailer.Deployment.Packaging;

namespace BulkMailer.Cli.Packaging;

/// <summary>What `bulkmailer package` builds: which functions, for which processor, into which folder.</summary>
public sealed record PackageRequest
{
    public required FunctionArchitecture Architecture { get; init; }

    /// <summary>Each function lands in <c>{OutputDirectory}/{name}/bootstrap</c>.</summary>
    public string OutputDirectory { get; init; } = FunctionPackages.DefaultDirectory;

    public IReadOnlyList<FunctionPackage> Functions { get; init; } = FunctionPackages.All;

    /// <summary>Install a missing cross toolchain through tools/toolchain/install-cross-toolchain.sh (Debian packages).</summary>
    public bool InstallToolchain { get; init; } = true;
}
