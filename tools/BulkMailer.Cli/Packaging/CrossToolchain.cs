using System.Runtime.InteropServices;
using BulkMailer.Deployment.Options;
using BulkMailer.Deployment.Packaging;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.Cli.Packaging;

/// <summary>
/// What a Native AOT build for another processor needs on this machine, and the MSBuild properties that use it.
/// Checked on this machine kind: an x86_64 → arm64 build works with Debian's clang, lld and gcc-aarch64-linux-gnu and
/// <c>-p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld</c> (no SysRoot property: the cross libc's linker script then
/// points outside it); without them the publish fails with <c>gcc: unrecognized command-line option '--target=…'</c>.
/// </summary>
public static class CrossToolchain
{
    /// <summary>The processor of this machine, as a function architecture (null when it is neither).</summary>
    public static FunctionArchitecture? Host => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => FunctionArchitecture.Arm64,
        Architecture.X64 => FunctionArchitecture.X86_64,
        _ => null,
    };

    /// <summary>True when building for <paramref name="target"/> is a cross build here.</summary>
    public static bool IsCross(FunctionArchitecture target) => Host != target;

    /// <summary>The Debian packages a cross build for <paramref name="target"/> needs.</summary>
    public static IReadOnlyList<string> Packages(FunctionArchitecture target) =>
        target == FunctionArchitecture.Arm64
            ? ["clang", "lld", "gcc-aarch64-linux-gnu", "libc6-dev-arm64-cross"]
            : ["clang", "lld", "gcc-x86-64-linux-gnu", "libc6-dev-amd64-cross"];

    /// <summary>Extra publish properties for <paramref name="target"/>: none for a native build.</summary>
    public static IReadOnlyList<string> PublishProperties(FunctionArchitecture target) =>
        IsCross(target) ? ["-p:CppCompilerAndLinker=clang", "-p:LinkerFlavor=lld"] : [];

    /// <summary>What is missing for a build for <paramref name="target"/> (empty when nothing is, or the build is native).</summary>
    public static IReadOnlyList<string> Missing(FunctionArchitecture target)
    {
        if (!IsCross(target))
        {
            return [];
        }
        var missing = new List<string>();
        if (!OnPath("clang"))
        {
            missing.Add("clang");
        }
        if (!OnPath("ld.lld"))
        {
            missing.Add("ld.lld (lld)");
        }
        var triple = target == FunctionArchitecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        if (!File.Exists($"/usr/{triple}/lib/crt1.o"))
        {
            missing.Add($"the {triple} C library ({Packages(target)[3]})");
        }
        return missing;
    }

    /// <summary>
    /// Makes sure a build for <paramref name="target"/> can run: installs what is missing through the project's own
    /// script (Debian packages only) when <paramref name="install"/> is set, and fails naming the packages otherwise.
    /// </summary>
    public static async Task EnsureAsync(FunctionArchitecture target, bool install, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var missing = Missing(target);
        if (missing.Count == 0)
        {
            return;
        }
        var script = Path.Combine(RepoPaths.Root, "tools", "toolchain", "install-cross-toolchain.sh");
        var packages = string.Join(' ', Packages(target));
        if (!install)
        {
            throw new InvalidOperationException(
                $"a {ElfArchitecture.Name(target)} build on this {ElfArchitecture.Name(Host ?? FunctionArchitecture.X86_64)} machine needs {string.Join(", ", missing)}: " +
                $"run {script} {ElfArchitecture.Name(target)} (Debian packages: {packages})");
        }
        progress?.Report($"installing the {ElfArchitecture.Name(target)} cross toolchain (Debian packages: {packages})");
        await ProcessRunner.RunAsync("bash", [script, ElfArchitecture.Name(target)], RepoPaths.Root, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        if (Missing(target) is { Count: > 0 } still)
        {
            throw new InvalidOperationException($"after {script}, still missing: {string.Join(", ", still)}");
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}
