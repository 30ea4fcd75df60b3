using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using BulkMailer.Deployment.Options;
using BulkMailer.Deployment.Packaging;
using Constructs;

namespace BulkMailer.Infra;

/// <summary>
/// Where a function's code comes from: the directory holding its packaged <c>bootstrap</c>. A missing bootstrap, or one
/// built for the other processor, would deploy a function that fails every invocation (both queues would drain into
/// their DLQs), so <see cref="Problem"/> refuses it before anything is built and names the command that packages it.
/// Only with <c>bulkmailer.allowPlaceholderCode = true</c> (the infra tests) does a missing bootstrap become a placeholder
/// directory shipped with this app, with a warning on the function; <c>Code.FromInline</c> is not an option for
/// <c>provided.al2023</c>.
/// </summary>
public static class FunctionCode
{
    /// <summary>The command that builds every function's bootstrap into its default code path.</summary>
    public const string PackageCommand = "dotnet run --project tools/BulkMailer.Cli -- package";

    /// <summary>The placeholder directory next to the app's binaries.</summary>
    public static string PlaceholderDirectory => Path.Combine(AppContext.BaseDirectory, "placeholder");

    /// <summary>True when <paramref name="codePath"/> holds a <c>bootstrap</c>.</summary>
    public static bool IsPublished(string codePath) => File.Exists(BootstrapOf(codePath));

    /// <summary>
    /// Why the code in <paramref name="codePath"/> cannot be deployed for <paramref name="architecture"/>, naming the
    /// context key and the command to run; null when it can (or when the placeholder may stand in for a missing one).
    /// </summary>
    public static string? Problem(string codePath, FunctionArchitecture architecture, bool allowPlaceholder, string contextKey)
    {
        string bootstrap = BootstrapOf(codePath);
        string wanted = ElfArchitecture.Name(architecture);
        string fix = $"run `{PackageCommand} --architecture {wanted}` (or point {contextKey} at a packaged directory)";
        if (!File.Exists(bootstrap))
        {
            return allowPlaceholder ? null : $"No {FunctionPackages.Executable} in '{Path.GetDirectoryName(bootstrap)}' ({contextKey}): {fix}.";
        }

        byte[] header = ReadHeader(bootstrap);
        if (ElfArchitecture.Of(header) == architecture)
        {
            return null;
        }

        // A wrong package is refused even with the placeholder allowed: it is never what anyone meant to deploy.
        return $"'{bootstrap}' ({contextKey}) is {ElfArchitecture.Describe(header)}, but {DeploymentContextKeys.Architecture} is {wanted}: {fix}.";
    }

    /// <summary>The asset for <paramref name="codePath"/>, or the placeholder (with a warning on <paramref name="scope"/>) when it has no bootstrap.</summary>
    public static Code For(Construct scope, string codePath, string contextKey)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (IsPublished(codePath))
        {
            return Code.FromAsset(Path.GetFullPath(codePath));
        }

        Annotations.Of(scope).AddWarning(
            $"No bootstrap in '{Path.GetFullPath(codePath)}' ({contextKey}): using a placeholder that fails every invocation ({DeploymentContextKeys.AllowPlaceholderCode} = true).");
        return Code.FromAsset(PlaceholderDirectory);
    }

    private static string BootstrapOf(string codePath) => Path.Combine(Path.GetFullPath(codePath), FunctionPackages.Executable);

    private static byte[] ReadHeader(string path)
    {
        using FileStream file = File.OpenRead(path);
        var header = new byte[ElfArchitecture.HeaderLength];
        int read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return header[..read];
    }
}
