using System.Security.Cryptography;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.LocalServers.Emulators;

/// <summary>
/// Installs the pinned emulators (tools/local/package-lock.json) with <c>npm ci</c> on first use. A lock file keeps
/// parallel test processes from installing at once; a stamp of the lock file's hash skips the install afterwards.
/// </summary>
public static class NpmTools
{
    private static readonly SemaphoreSlim InProcess = new(1, 1);

    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken = default)
    {
        var dir = RepoPaths.LocalTools;
        var lockFile = Path.Combine(dir, "package-lock.json");
        var stamp = Path.Combine(dir, "node_modules", ".bulkmailer-installed");
        var expected = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, cancellationToken).ConfigureAwait(false)));
        await InProcess.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false) == expected)
            {
                return;
            }
            await using var crossProcess = await AcquireAsync(Path.Combine(dir, ".npm-ci.lock"), cancellationToken).ConfigureAwait(false);
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp, cancellationToken).ConfigureAwait(false) == expected)
            {
                return;
            }
            await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir, TimeSpan.FromMinutes(8), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(stamp, expected, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<FileStream> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
