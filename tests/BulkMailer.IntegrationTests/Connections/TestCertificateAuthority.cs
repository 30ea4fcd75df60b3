using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace BulkMailer.IntegrationTests.Connections;

/// <summary>
/// A throw-away certificate authority written as PEM files: its root (the bundle a client trusts) and a server
/// certificate for 127.0.0.1 signed by it — what RDS's CA bundle and an RDS instance's certificate are in AWS.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bulkmailer-ca-").FullName;

    public TestCertificateAuthority(string name)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={name} Root CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), RandomNumberGenerator.GetBytes(8));

        RootBundlePath = Path.Combine(_dir, "root.pem");
        ServerCertificatePath = Path.Combine(_dir, "server.crt");
        ServerKeyPath = Path.Combine(_dir, "server.key");
        File.WriteAllText(RootBundlePath, ca.ExportCertificatePem());
        File.WriteAllText(ServerCertificatePath, server.ExportCertificatePem());
        File.WriteAllText(ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The CA certificate as a PEM bundle (what BULKMAILER_DB_SSL_ROOT_CERT points at).</summary>
    public string RootBundlePath { get; }

    public string ServerCertificatePath { get; }

    public string ServerKeyPath { get; }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
