namespace BulkMailer.Deployment.Budget;

/// <summary>One function's row in a <see cref="BudgetReport"/>.</summary>
/// <param name="Name">Function name.</param>
/// <param name="Concurrency">Environments that can run at once.</param>
/// <param name="ConnectionsPerEnvironment">Server connections each environment holds.</param>
/// <param name="Connections">Concurrency × connections per environment.</param>
/// <param name="LargestSafeConcurrency">
/// The largest concurrency for this function that keeps the whole budget (margin included) within the limit while the
/// other functions stay as they are; 0 when even one environment does not fit; null when the database does not limit it (behind an
/// RDS Proxy the database sees the proxy's pool instead of the functions; a function with no connections).
/// </param>
public sealed record FunctionBudgetLine(
    string Name,
    int Concurrency,
    int ConnectionsPerEnvironment,
    long Connections,
    int? LargestSafeConcurrency);
