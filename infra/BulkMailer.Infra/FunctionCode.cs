using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace BulkMailer.Infra;

/// <summary>
/// Where a function's code comes from: the directory holding its published <c>bootstrap</c> when it exists, otherwise a
/// placeholder directory shipped with this app (a <c>bootstrap</c> that only prints an error), so the stack synthesizes
/// in tests and CI without publishing Native AOT functions. <c>Code.FromInline</c> is not an option for
/// <c>provided.al2023</c>. A warning is attached to the function when the placeholder is used, and
/// <c>bulkmailer.requirePublishedCode = true</c> turns the fallback into an error for deploy pipelines.
/// </summary>
public static class FunctionCode
{
    /// <summary>The placeholder directory next to the app's binaries.</summary>
    public static string PlaceholderDirectory => Path.Combine(AppContext.BaseDirectory, "placeholder");

    /// <summary>True when <paramref name="codePath"/> holds a <c>bootstrap</c>.</summary>
    public static bool IsPublished(string codePath) => File.Exists(Path.Combine(Path.GetFullPath(codePath), "bootstrap"));

    /// <summary>The asset for <paramref name="codePath"/>, or the placeholder (with a warning on <paramref name="scope"/>).</summary>
    public static Code For(Construct scope, string codePath, bool requirePublished, string contextKey)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (IsPublished(codePath))
        {
            return Code.FromAsset(Path.GetFullPath(codePath));
        }

        string message = $"No bootstrap in '{Path.GetFullPath(codePath)}' ({contextKey}): publish the function there first.";
        if (requirePublished)
        {
            throw new DeploymentValidationException(message);
        }

        Annotations.Of(scope).AddWarning(message + " Using a placeholder that fails every invocation.");
        return Code.FromAsset(PlaceholderDirectory);
    }
}
