using System.Globalization;
using System.Text;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.Cli.Commands;

/// <summary>The table <c>bulkmailer budget</c> prints by default.</summary>
internal static class BudgetReportTable
{
    /// <summary>The report (and the send-rate plan, if any) as aligned text lines, every term on its own line.</summary>
    public static string Render(BudgetReport r, SendRatePlan? plan)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(string label, string value, string note = "") =>
            sb.AppendLine(string.Create(c, $"  {label,-40} {value,8}  {note}").TrimEnd());

        sb.AppendLine("Connection budget");
        Line("max_connections", r.MaxConnections.ToString(c), r.MaxConnectionsSource);
        Line("− superuser_reserved_connections", r.SuperuserReservedConnections.ToString(c));
        Line("− rds.rds_superuser_reserved_connections", r.RdsSuperuserReservedConnections.ToString(c));
        Line("− other clients", r.OtherClients.ToString(c));
        Line("= available", r.Available.ToString(c));
        sb.AppendLine();
        sb.AppendLine(string.Create(c, $"  {"function",-16} {"concurrency",11} {"conn/env",8} {"connections",11} {"largest safe concurrency",24}"));
        foreach (FunctionBudgetLine f in r.Functions)
        {
            string safe = f.LargestSafeConcurrency?.ToString(c) ?? "not limited";
            sb.AppendLine(string.Create(c, $"  {f.Name,-16} {f.Concurrency,11} {f.ConnectionsPerEnvironment,8} {f.Connections,11} {safe,24}"));
        }

        sb.AppendLine();
        Line("Σ functions", r.FunctionConnections.ToString(c));
        if (r.ProxyPoolConnections is long pool)
        {
            Line("RDS Proxy pool (required)", pool.ToString(c), "functions connect to the proxy; the database sees only its pool");
        }
        else
        {
            Line(string.Create(c, $"+ turnover margin ({r.TurnoverMarginPercent} %)"), r.TurnoverMargin.ToString(c));
            Line("= required", r.Required.ToString(c));
        }

        Line("headroom (available − required)", r.Headroom.ToString(c), r.WithinBudget ? "within budget" : "OVER BUDGET");

        if (plan is not null)
        {
            sb.AppendLine();
            sb.AppendLine(string.Create(c, $"Send rate {plan.TargetRate:0.##}/s at {plan.MailLatencyMs:0.##} ms per mail"));
            Line("per-environment rate (mails/s)", plan.PerEnvironmentRate.ToString("0.##", c));
            Line("sender concurrency needed", plan.ConcurrencyNeeded.ToString(c), "reserved and max concurrency");
            Line("batch size", plan.BatchSize.ToString(c), "no batching window needed");
            Line("largest safe sender concurrency", plan.LargestSafeConcurrency?.ToString(c) ?? "not limited");
            Line("reachable within budget", plan.Reachable ? "yes" : "no", plan.Reachable ? "" : string.Create(c, $"at most {plan.AchievableRate:0.##}/s"));
            Line("BULKMAILER_MAX_SEND_RATE", plan.MaxSendRatePerEnvironment.ToString("0.###", c), "per environment");
        }

        // Over budget, the sentence goes to stderr with exit code 3 instead.
        if (r.WithinBudget)
        {
            sb.AppendLine();
            sb.AppendLine(r.Summary);
        }

        return sb.ToString();
    }
}
