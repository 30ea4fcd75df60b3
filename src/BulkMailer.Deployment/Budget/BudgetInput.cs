namespace BulkMailer.Deployment.Budget;

/// <summary>
/// Everything the connection budget depends on. Exactly one of <see cref="InstanceClass"/> and
/// <see cref="MaxConnections"/> is normally given; when both are, the explicit number wins (it was read from the server).
/// </summary>
public sealed record BudgetInput
{
    /// <summary>Report 004's observation (docs/background.md): reserved concurrency 20 showed up to 30 environments at once while old ones were recycled.</summary>
    public const int DefaultTurnoverMarginPercent = 50;

    /// <summary>PostgreSQL's <c>superuser_reserved_connections</c> default.</summary>
    public const int DefaultSuperuserReservedConnections = 3;

    /// <summary>RDS's <c>rds.rds_superuser_reserved_connections</c> default (slots for RDS automation and rds_superuser).</summary>
    public const int DefaultRdsSuperuserReservedConnections = 2;

    /// <summary>RDS instance class (e.g. <c>db.t3.medium</c>) whose default <c>max_connections</c> is estimated.</summary>
    public string? InstanceClass { get; init; }

    /// <summary>The server's <c>max_connections</c>, when known (it overrides the estimate from the class).</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Slots only superusers may use (<c>superuser_reserved_connections</c>). Default 3.</summary>
    public int SuperuserReservedConnections { get; init; } = DefaultSuperuserReservedConnections;

    /// <summary>Slots RDS keeps for rds_superuser (<c>rds.rds_superuser_reserved_connections</c>). Default 2.</summary>
    public int RdsSuperuserReservedConnections { get; init; } = DefaultRdsSuperuserReservedConnections;

    /// <summary>Connections kept for everyone else: migrations, consoles, reporting, other services. Default 0.</summary>
    public int OtherClients { get; init; }

    /// <summary>
    /// Extra environments, in percent of the functions' connections, that can exist while Lambda replaces environments
    /// (the old one's connection is still open until the server reaps it). Default 50.
    /// </summary>
    public int TurnoverMarginPercent { get; init; } = DefaultTurnoverMarginPercent;

    /// <summary>
    /// When an RDS Proxy sits in front, the share of <c>max_connections</c> its pool may use; the functions then connect
    /// to the proxy and the database sees only the pool. Null when there is no proxy.
    /// </summary>
    public int? ProxyMaxConnectionsPercent { get; init; }

    /// <summary>The functions that hold connections.</summary>
    public IReadOnlyList<FunctionDemand> Functions { get; init; } = [];
}
