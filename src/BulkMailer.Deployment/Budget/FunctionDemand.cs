namespace BulkMailer.Deployment.Budget;

/// <summary>
/// One function's claim on the database: at most <see cref="Concurrency"/> execution environments at once, each holding
/// <see cref="ConnectionsPerEnvironment"/> connections (1 by design: one static connection per environment).
/// </summary>
/// <param name="Name">The function's name in tables and messages (e.g. <c>sender</c>).</param>
/// <param name="Concurrency">Environments that can run at once: min(reserved concurrency, event source max concurrency).</param>
/// <param name="ConnectionsPerEnvironment">Server connections each environment holds.</param>
public sealed record FunctionDemand(string Name, int Concurrency, int ConnectionsPerEnvironment = 1)
{
    /// <summary>The concurrency that bounds environments when both limits are set: the smaller one.</summary>
    public static FunctionDemand FromLimits(string name, int reservedConcurrency, int maxConcurrency, int connectionsPerEnvironment = 1) =>
        new(name, Math.Min(reservedConcurrency, maxConcurrency), connectionsPerEnvironment);

    /// <summary>Connections this function holds at steady state: concurrency × connections per environment.</summary>
    public long Connections => (long)Concurrency * ConnectionsPerEnvironment;
}
