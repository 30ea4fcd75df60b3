namespace BulkMailer.Deployment.Budget;

/// <summary>
/// The connection-budget arithmetic, one implementation for the CDK guard and <c>bulkmailer budget</c>:
/// <code>
/// available = max_connections − superuser_reserved − rds_superuser_reserved − other clients
/// required  = Σ concurrency × connections per environment + ceil(Σ × turnover % / 100)
///             (or, behind an RDS Proxy, floor(max_connections × proxy % / 100))
/// within budget ⇔ required ≤ available
/// </code>
/// </summary>
public static class ConnectionBudget
{
    /// <summary>Works the budget out. Throws <see cref="ArgumentException"/> for inputs that make no sense (negative numbers, no max_connections).</summary>
    public static BudgetReport Compute(BudgetInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        (int maxConnections, string source) = ResolveMaxConnections(input);
        Require(input.SuperuserReservedConnections >= 0, "superuser reserved connections must be ≥ 0");
        Require(input.RdsSuperuserReservedConnections >= 0, "rds_superuser reserved connections must be ≥ 0");
        Require(input.OtherClients >= 0, "other clients must be ≥ 0");
        Require(input.TurnoverMarginPercent >= 0, "turnover margin must be ≥ 0 %");
        Require(input.ProxyMaxConnectionsPercent is null or (>= 1 and <= 100), "proxy max connections percent must be 1–100");
        foreach (FunctionDemand f in input.Functions)
        {
            Require(f.Concurrency >= 0, $"{f.Name}: concurrency must be ≥ 0");
            Require(f.ConnectionsPerEnvironment >= 0, $"{f.Name}: connections per environment must be ≥ 0");
        }

        long available = (long)maxConnections - input.SuperuserReservedConnections - input.RdsSuperuserReservedConnections - input.OtherClients;
        long functionConnections = input.Functions.Sum(f => f.Connections);
        long? proxyPool = input.ProxyMaxConnectionsPercent is int pct ? (long)maxConnections * pct / 100 : null;
        long margin = proxyPool is null ? Margin(functionConnections, input.TurnoverMarginPercent) : 0;
        long required = proxyPool ?? functionConnections + margin;

        var lines = input.Functions
            .Select(f => new FunctionBudgetLine(
                f.Name,
                f.Concurrency,
                f.ConnectionsPerEnvironment,
                f.Connections,
                proxyPool is null ? LargestSafeConcurrency(f, functionConnections - f.Connections, available, input.TurnoverMarginPercent) : null))
            .ToList();

        return new BudgetReport
        {
            MaxConnections = maxConnections,
            MaxConnectionsSource = source,
            SuperuserReservedConnections = input.SuperuserReservedConnections,
            RdsSuperuserReservedConnections = input.RdsSuperuserReservedConnections,
            OtherClients = input.OtherClients,
            Available = available,
            Functions = lines,
            FunctionConnections = functionConnections,
            TurnoverMarginPercent = input.TurnoverMarginPercent,
            TurnoverMargin = margin,
            ProxyPoolConnections = proxyPool,
            Required = required,
        };
    }

    /// <summary>ceil(connections × percent / 100), in integers so the CLI and the guard can never round differently.</summary>
    public static long Margin(long connections, int percent) => (connections * percent + 99) / 100;

    /// <summary>
    /// The most connections the functions may hold so that they plus their turnover margin fit in <paramref name="available"/>.
    /// </summary>
    public static long LargestSafeFunctionConnections(long available, int turnoverMarginPercent)
    {
        if (available <= 0)
        {
            return 0;
        }

        // t + ceil(t·p/100) ≤ A; start from the real-valued solution and correct the rounding.
        long t = available * 100 / (100 + turnoverMarginPercent);
        while (t + 1 + Margin(t + 1, turnoverMarginPercent) <= available)
        {
            t++;
        }

        while (t > 0 && t + Margin(t, turnoverMarginPercent) > available)
        {
            t--;
        }

        return t;
    }

    private static int? LargestSafeConcurrency(FunctionDemand f, long otherConnections, long available, int marginPercent)
    {
        // A function that holds no connections is not limited by the database.
        if (f.ConnectionsPerEnvironment == 0)
        {
            return null;
        }

        long room = LargestSafeFunctionConnections(available, marginPercent) - otherConnections;
        if (room <= 0)
        {
            return 0;
        }

        return (int)Math.Min(int.MaxValue, room / f.ConnectionsPerEnvironment);
    }

    private static (int MaxConnections, string Source) ResolveMaxConnections(BudgetInput input)
    {
        if (input.MaxConnections is int given)
        {
            Require(given > 0, "max_connections must be > 0");
            return (given, "given");
        }

        if (!string.IsNullOrWhiteSpace(input.InstanceClass))
        {
            return (RdsInstanceClasses.EstimateMaxConnections(input.InstanceClass), RdsInstanceClasses.Describe(input.InstanceClass));
        }

        throw new ArgumentException("Give either an RDS instance class or max_connections.", nameof(input));
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
