namespace BulkMailer.LocalServers.Postgres;

/// <summary>A server certificate and its private key (PEM files) for a cluster that offers TLS.</summary>
public sealed record PostgresTlsFiles(string CertificatePath, string KeyPath);
