using BulkMailer.LocalServers.Support;

namespace BulkMailer.IntegrationTests.Unsubscribe;

/// <summary>
/// Debian's chromium for the browser test, installed when missing through the project's own script
/// (tools/toolchain/install-chromium.sh), never downloaded by the test tooling.
/// </summary>
public static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<string> ExecutableAsync()
    {
        if (!File.Exists(Executable))
        {
            await ProcessRunner.RunAsync(Path.Combine(RepoPaths.Root, "tools", "toolchain", "install-chromium.sh"), [], RepoPaths.Root, TimeSpan.FromMinutes(10), CancellationToken.None);
        }
        return Executable;
    }
}
