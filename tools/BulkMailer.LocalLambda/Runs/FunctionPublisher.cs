using BulkMailer.LocalStack.Support;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>
/// Publishes a function project to a <c>bootstrap</c> executable, as the deployment does. Framework-dependent by
/// default (seconds); <c>aot: true</c> publishes Native AOT exactly as deployed (a minute or two per function on
/// two cores).
/// </summary>
public static class FunctionPublisher
{
    public static async Task<string> PublishAsync(string project, string outputDirectory, bool aot, CancellationToken cancellationToken)
    {
        var projectPath = Path.Combine(RepoPaths.Root, "src", project, $"{project}.csproj");
        var arguments = new List<string>
        {
            "publish", projectPath, "-c", "Release", "-r", "linux-x64", "-o", outputDirectory, "--nologo", "-v", "quiet",
            aot ? "-p:PublishAot=true" : "-p:PublishAot=false",
            aot ? "--self-contained" : "--no-self-contained",
        };
        await ProcessRunner.RunAsync("dotnet", arguments, RepoPaths.Root, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        var bootstrap = Path.Combine(outputDirectory, "bootstrap");
        return File.Exists(bootstrap) ? bootstrap : throw new FileNotFoundException($"publishing {project} produced no bootstrap", bootstrap);
    }
}
