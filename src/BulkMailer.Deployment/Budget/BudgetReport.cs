using System.Globalization;

namespace BulkMailer.Deployment.Budget;

/// <summary>
/// The connection budget worked out: every term, the total needed, and whether it fits. Produced by
/// <see cref="ConnectionBudget.Compute"/>; the CDK guard and <c>bulkmailer budget</c> both print it.
/// </summary>
public sealed record BudgetReport
{
    /// <summary>The server's <c>max_connections</c> used for the arithmetic.</summary>
    public required int MaxConnections { get; init; }

    /// <summary>Where <see cref="MaxConnections"/> came from: "given" or the instance class estimate.</summary>
    public required string MaxConnectionsSource { get; init; }

    /// <summary><c>superuser_reserved_connections</c>.</summary>
    public required int SuperuserReservedConnections { get; init; }

    /// <summary><c>rds.rds_superuser_reserved_connections</c>.</summary>
    public required int RdsSuperuserReservedConnections { get; init; }

    /// <summary>Connections kept for clients other than these functions.</summary>
    public required int OtherClients { get; init; }

    /// <summary>max_connections − reserved slots − other clients: what the functions (or the proxy pool) may use.</summary>
    public required long Available { get; init; }

    /// <summary>One row per function.</summary>
    public required IReadOnlyList<FunctionBudgetLine> Functions { get; init; }

    /// <summary>Σ concurrency × connections per environment.</summary>
    public required long FunctionConnections { get; init; }

    /// <summary>The turnover margin in percent of <see cref="FunctionConnections"/>.</summary>
    public required int TurnoverMarginPercent { get; init; }

    /// <summary>ceil(FunctionConnections × TurnoverMarginPercent / 100); 0 behind a proxy.</summary>
    public required long TurnoverMargin { get; init; }

    /// <summary>The proxy's pool (max_connections × percent / 100) when an RDS Proxy is in front, else null.</summary>
    public long? ProxyPoolConnections { get; init; }

    /// <summary>Connections the database must be able to give: functions + margin, or the proxy pool.</summary>
    public required long Required { get; init; }

    /// <summary>Available − Required; negative when over budget.</summary>
    public long Headroom => Available - Required;

    /// <summary>True when <see cref="Required"/> ≤ <see cref="Available"/>.</summary>
    public bool WithinBudget => Headroom >= 0;

    /// <summary>The reserved slots together.</summary>
    public int ReservedSlots => SuperuserReservedConnections + RdsSuperuserReservedConnections;

    /// <summary>One sentence with every number, for logs, synth errors and the CLI.</summary>
    public string Summary
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            string terms = Functions.Count == 0
                ? "no functions"
                : string.Join(" + ", Functions.Select(f => string.Create(c, $"{f.Name} {f.Concurrency}×{f.ConnectionsPerEnvironment}")));
            string need = ProxyPoolConnections is long pool
                ? string.Create(c, $"the RDS Proxy pool needs {pool} connections (functions: {FunctionConnections} client connections to the proxy: {terms})")
                : string.Create(c, $"the functions need {FunctionConnections} connections ({terms}) + {TurnoverMargin} turnover margin ({TurnoverMarginPercent} %) = {Required}");
            string available = string.Create(c,
                $"{Available} are available (max_connections {MaxConnections} from {MaxConnectionsSource} − {ReservedSlots} reserved ({SuperuserReservedConnections} superuser + {RdsSuperuserReservedConnections} rds_superuser) − {OtherClients} other clients)");
            string safe = string.Join(", ", Functions
                .Where(f => f.LargestSafeConcurrency is not null)
                .Select(f => string.Create(c, $"{f.Name} {f.LargestSafeConcurrency}")));
            string safeText = safe.Length == 0 ? "" : $". Largest safe concurrency with the others unchanged: {safe}";

            return WithinBudget
                ? string.Create(c, $"Within the connection budget with {Headroom} to spare: {need}, and {available}{safeText}.")
                : string.Create(c, $"Over the connection budget by {-Headroom}: {need}, but only {available}{safeText}.");
        }
    }
}
