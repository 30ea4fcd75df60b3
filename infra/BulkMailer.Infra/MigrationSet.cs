using System.Reflection;
using System.Security.Cryptography;

namespace BulkMailer.Infra;

/// <summary>
/// The migrations the migrator will apply (src/BulkMailer.Data/Migrations/*.sql, embedded in this app at build) as one
/// hash. It is a property of the schema resource: CloudFormation sends an Update, and the migrator runs, exactly when the
/// set changes; an unchanged set leaves the resource alone on later deploys.
/// </summary>
public static class MigrationSet
{
    private const string ResourcePrefix = "BulkMailer.Infra.Migrations.";

    /// <summary>The migration file names, ordinal order (the order the migrator applies them: V001, V002, …).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. typeof(MigrationSet).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .Order(StringComparer.Ordinal)];

    /// <summary>Lower-case hex SHA-256 of the files' bytes concatenated in <see cref="Names"/> order.</summary>
    public static string Hash { get; } = ComputeHash();

    private static string ComputeHash()
    {
        Assembly assembly = typeof(MigrationSet).Assembly;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string name in Names)
        {
            using Stream file = assembly.GetManifestResourceStream(ResourcePrefix + name)!;
            using var bytes = new MemoryStream();
            file.CopyTo(bytes);
            sha.AppendData(bytes.ToArray());
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
