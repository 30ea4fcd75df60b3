using System.Runtime.InteropServices;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.IntegrationTests.Packaging;

/// <summary>
/// How this machine runs an arm64 executable: directly on arm64, else under Debian's qemu-user, installed when
/// missing through the project's own script (tools/toolchain/install-arm64-emulation.sh), never by hand.
/// </summary>
public static class Arm64Emulator
{
    private const string Qemu = "/usr/bin/qemu-aarch64";

    /// <summary>The program and arguments that run <paramref name="executable"/>.</summary>
    public static async Task<(string FileName, IReadOnlyList<string> Arguments)> LaunchAsync(string executable)
    {
        if (RuntimeInformation.OSArchitecture == Architecture.Arm64)
        {
            return (executable, []);
        }
        if (!File.Exists(Qemu))
        {
            await ProcessRunner.RunAsync(Path.Combine(RepoPaths.Root, "tools", "toolchain", "install-arm64-emulation.sh"), [], RepoPaths.Root, TimeSpan.FromMinutes(10), CancellationToken.None);
        }
        return (Qemu, [executable]);
    }
}
