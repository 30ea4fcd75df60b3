using System.Collections.Frozen;
using System.Globalization;

namespace BulkMailer.Deployment.Budget;

/// <summary>
/// The default <c>max_connections</c> of RDS for PostgreSQL, derived from the instance class the way RDS does:
/// <c>LEAST({DBInstanceClassMemory/9531392}, 5000)</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>DBInstanceClassMemory</c> is not the nominal memory of the class: RDS subtracts what the operating system and
/// its own agents keep, and AWS does not publish the figure. Published <c>SHOW max_connections</c> readings against
/// the nominal-memory formula (which would give 112 / 225 / 450 / 901 / 1802 for 1 / 2 / 4 / 8 / 16 GiB):
/// db.t2.micro 87, db.t2.small 198, db.t4g.small 181 (PostgreSQL 18), db.t2.medium 413, db.m5.large 823,
/// db.m6g.xlarge 1705. The shortfall is between 5 % and 23 % and is proportionally largest on the smallest classes.
/// </para>
/// <para>
/// This type therefore estimates <c>DBInstanceClassMemory = nominal − 256 MiB − 10 % of nominal</c>, a line that lies
/// below every reading above (db.t3.micro → 73, db.t3.medium → 377, db.r6g.large → 1594). Under-estimating is the safe
/// direction for a guard. Where the stack creates the database it pins <c>max_connections</c> to this same number in
/// the parameter group, so the guard is exact there; for an existing database pass the real value
/// (<c>SHOW max_connections</c>) explicitly.
/// </para>
/// </remarks>
public static class RdsInstanceClasses
{
    /// <summary>The divisor of the RDS for PostgreSQL formula, bytes of instance memory per connection.</summary>
    public const long BytesPerConnection = 9_531_392;

    /// <summary>The cap of the RDS for PostgreSQL formula.</summary>
    public const int FormulaCap = 5000;

    /// <summary>The fixed part of the memory RDS keeps for itself in this estimate: 256 MiB.</summary>
    public const long FixedReserveBytes = 256L * 1024 * 1024;

    /// <summary>The proportional part of the memory RDS keeps for itself in this estimate: 10 % of nominal.</summary>
    public const int ProportionalReservePercent = 10;

    private const long GiB = 1024L * 1024 * 1024;

    private static readonly FrozenDictionary<string, int> NominalGiB = BuildTable();

    /// <summary>Every instance class this table knows, sorted.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. NominalGiB.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The known classes in one line: families and sizes.</summary>
    public static string KnownSummary { get; } =
        "db.t3/db.t4g .micro–.2xlarge; db.m5, m5d, m6g, m6gd, m6i, m7g, m7i, m8g, r5, r5d, r6g, r6gd, r6i, r7g, r7i, r8g .large–.16xlarge";

    /// <summary>The nominal memory of <paramref name="instanceClass"/> in GiB, as AWS lists it.</summary>
    public static bool TryGetNominalGiB(string instanceClass, out int gib) =>
        NominalGiB.TryGetValue(Normalize(instanceClass), out gib);

    /// <summary>The estimated <c>DBInstanceClassMemory</c> in bytes for a class with <paramref name="nominalGiB"/> GiB.</summary>
    public static long EstimateInstanceClassMemory(int nominalGiB)
    {
        long nominal = nominalGiB * GiB;
        return nominal - FixedReserveBytes - nominal * ProportionalReservePercent / 100;
    }

    /// <summary>The RDS formula applied to a <c>DBInstanceClassMemory</c> in bytes.</summary>
    public static int MaxConnectionsFromMemory(long instanceClassMemoryBytes) =>
        (int)Math.Clamp(instanceClassMemoryBytes / BytesPerConnection, 0, FormulaCap);

    /// <summary>The estimated default <c>max_connections</c> of <paramref name="instanceClass"/> (e.g. <c>db.t3.medium</c>).</summary>
    /// <exception cref="ArgumentException">The class is not in the table.</exception>
    public static int EstimateMaxConnections(string instanceClass)
    {
        if (!TryGetNominalGiB(instanceClass, out int gib))
        {
            throw new ArgumentException(
                $"Unknown RDS instance class '{instanceClass}'. Known: {KnownSummary}. " +
                "Give max_connections explicitly instead (SHOW max_connections on the instance).");
        }

        return MaxConnectionsFromMemory(EstimateInstanceClassMemory(gib));
    }

    private static string Normalize(string instanceClass)
    {
        string trimmed = instanceClass.Trim().ToLowerInvariant();
        return trimmed.StartsWith("db.", StringComparison.Ordinal) ? trimmed : "db." + trimmed;
    }

    private static FrozenDictionary<string, int> BuildTable()
    {
        var table = new Dictionary<string, int>(StringComparer.Ordinal);

        // Burstable classes: 1 GiB at micro, doubling per size.
        string[] burstableSizes = ["micro", "small", "medium", "large", "xlarge", "2xlarge"];
        foreach (string family in new[] { "t3", "t4g" })
        {
            for (int i = 0; i < burstableSizes.Length; i++)
            {
                table[$"db.{family}.{burstableSizes[i]}"] = 1 << i;
            }
        }

        // General purpose (8 GiB per 2 vCPU) and memory optimised (16 GiB per 2 vCPU); sizes above 16xlarge hit the cap anyway.
        (string Size, int Multiple)[] sizes =
            [("large", 1), ("xlarge", 2), ("2xlarge", 4), ("4xlarge", 8), ("8xlarge", 16), ("12xlarge", 24), ("16xlarge", 32)];
        foreach (string family in new[] { "m5", "m5d", "m6g", "m6gd", "m6i", "m7g", "m7i", "m8g" })
        {
            foreach ((string size, int multiple) in sizes)
            {
                table[$"db.{family}.{size}"] = 8 * multiple;
            }
        }

        foreach (string family in new[] { "r5", "r5d", "r6g", "r6gd", "r6i", "r7g", "r7i", "r8g" })
        {
            foreach ((string size, int multiple) in sizes)
            {
                table[$"db.{family}.{size}"] = 16 * multiple;
            }
        }

        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A short description of how the number was obtained, for tables and messages.</summary>
    public static string Describe(string instanceClass) =>
        TryGetNominalGiB(instanceClass, out int gib)
            ? string.Create(CultureInfo.InvariantCulture, $"{Normalize(instanceClass)} ({gib} GiB, estimated)")
            : instanceClass;
}
