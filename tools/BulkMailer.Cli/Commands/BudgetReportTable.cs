using System.Globalization;
using System.Text;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.Cli.Commands;

/// <summary>The table <c>bulkmailer budget</c> prints by default.</summary>
internal static class BudgetReportTable
{
    /// <summary>The report (and the send-rate plan and campaign duration, if any) as aligned text lines, every term on its own line.</summary>
    public static string Render(BudgetReport r, SendRatePlan? plan, long? campaignJobs = null)
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
            SenderThroughput t = plan.Throughput;
            SenderThroughputInput i = t.Input;
            sb.AppendLine();
            sb.AppendLine(string.Create(c, $"Send rate: account {plan.AccountRate:0.##}/s, SES {i.SesLatencyMs:0.##} ms per call, {i.SendParallelism} calls in flight, batches of {i.BatchSize}, bulk share {i.BulkShare:0.##}, {i.DatabaseRoundTripMs:0.##} ms per DB round trip"));
            Line("SES calls per batch", t.SesCallsPerBatch.ToString(c), string.Create(c, $"{i.BatchSize - t.BulkJobsPerBatch} SendEmail + {t.SesCallsPerBatch - (i.BatchSize - t.BulkJobsPerBatch)} SendBulkEmail"));
            Line("ms per batch", t.BatchMs.ToString("0.##", c), string.Create(c, $"{SenderThroughputInput.RoundTripsPerBatch} round trips + {t.WavesPerBatch} × SES latency"));
            Line("per-environment rate (mails/s)", t.PerEnvironmentRate.ToString("0.##", c));
            Line("environments needed", plan.EnvironmentsNeeded.ToString(c), "sender reserved and max concurrency");
            Line("connections needed", plan.ConnectionsNeeded.ToString(c), plan.FitsBudget ? "within budget" : string.Create(c, $"over budget: at most {plan.LargestSafeConcurrency} environments fit"));
            Line("batch size", i.BatchSize.ToString(c), plan.FastestBatchSize == i.BatchSize ? "fastest up to 10" : string.Create(c, $"{plan.FastestBatchSize} sends faster"));
            Line("expected mails/s", plan.ExpectedRate.ToString("0.##", c),
                plan.AccountRateBinds ? "capped by the account rate" : string.Create(c, $"{plan.DeployedConcurrency} environments do not reach the account rate"));
            Line("BULKMAILER_ACCOUNT_SEND_RATE", plan.AccountRate.ToString("0.###", c), "the governor shares it across environments");
            if (!plan.BatchFitsTimeout)
            {
                Line("batch fits half the timeout", "no", "lower the batch size or raise the timeout");
            }

            if (campaignJobs is { } jobs)
            {
                TimeSpan d = plan.CampaignDuration(jobs);
                Line(string.Create(c, $"campaign of {jobs} jobs"), d.TotalHours >= 1 ? string.Create(c, $"{d.TotalHours:0.#} h") : string.Create(c, $"{d.TotalMinutes:0.#} min"), "at the expected rate");
            }
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
