using BulkMailer.LocalServers.Support;

namespace BulkMailer.LocalLambda.Runs;

/// <summary>
/// Publishes a function project to a <c>bootstrap</c> executable, as the deployment does. Framework-dependent by
/// default (seconds); <c>aot: true</c> publishes Native AOT exactly as deployed (a minute or two per function on
/// two cores).
/// </summary>
public static class FunctionPublisher
{
    /// <param name="project">Path of the project folder, relative to the repository root (e.g. <c>src/BulkMailer.Sender.Bootstrap</c>).</param>
    /// <param name="executable">The executable the project produces (<c>bootstrap</c> for the functions).</param>
    /// <param name="aotProperty">
    /// The property that turns Native AOT on. <c>PublishAot</c> (the functions) applies to every project of the build;
    /// a project whose libraries are not AOT-analysed (the bench sender) names its own, which sets PublishAot for itself only.
    /// </param>
    public static async Task<string> PublishAsync(string project, string outputDirectory, bool aot, CancellationToken cancellationToken, string executable = "bootstrap", string aotProperty = "PublishAot")
    {
        var projectPath = Path.Combine(RepoPaths.Root, project);
        var arguments = new List<string>
        {
            "publish", projectPath, "-c", "Release", "-r", "linux-x64", "-o", outputDirectory, "--nologo", "-v", "quiet",
            aot ? $"-p:{aotProperty}=true" : "-p:PublishAot=false",
            aot ? "--self-contained" : "--no-self-contained",
        };
        await ProcessRunner.RunAsync("dotnet", arguments, RepoPaths.Root, TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(outputDirectory, executable);
        return File.Exists(path) ? path : throw new FileNotFoundException($"publishing {project} produced no {executable}", path);
    }
}
