using System.Text;
using System.Text.Json;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.Cli.Commands;

/// <summary>The JSON <c>bulkmailer budget --json</c> prints, camelCase, one field per term.</summary>
internal static class BudgetReportJson
{
    /// <summary>The report and the send-rate plan (null when not asked for, with the campaign's duration when given) as one indented JSON object.</summary>
    public static string Render(BudgetReport r, SendRatePlan? plan, long? campaignJobs = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("maxConnections", r.MaxConnections);
            w.WriteString("maxConnectionsSource", r.MaxConnectionsSource);
            w.WriteNumber("superuserReservedConnections", r.SuperuserReservedConnections);
            w.WriteNumber("rdsSuperuserReservedConnections", r.RdsSuperuserReservedConnections);
            w.WriteNumber("otherClients", r.OtherClients);
            w.WriteNumber("available", r.Available);
            w.WriteStartArray("functions");
            foreach (FunctionBudgetLine f in r.Functions)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteNumber("concurrency", f.Concurrency);
                w.WriteNumber("connectionsPerEnvironment", f.ConnectionsPerEnvironment);
                w.WriteNumber("connections", f.Connections);
                WriteNullable(w, "largestSafeConcurrency", f.LargestSafeConcurrency);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("functionConnections", r.FunctionConnections);
            w.WriteNumber("turnoverMarginPercent", r.TurnoverMarginPercent);
            w.WriteNumber("turnoverMargin", r.TurnoverMargin);
            WriteNullable(w, "proxyPoolConnections", r.ProxyPoolConnections);
            w.WriteNumber("required", r.Required);
            w.WriteNumber("headroom", r.Headroom);
            w.WriteBoolean("withinBudget", r.WithinBudget);
            w.WriteString("summary", r.Summary);
            if (plan is null)
            {
                w.WriteNull("sendRatePlan");
            }
            else
            {
                w.WriteStartObject("sendRatePlan");
                w.WriteNumber("accountRate", plan.AccountRate);
                w.WriteNumber("sesLatencyMs", plan.Throughput.Input.SesLatencyMs);
                w.WriteNumber("sendParallelism", plan.Throughput.Input.SendParallelism);
                w.WriteNumber("batchSize", plan.Throughput.Input.BatchSize);
                w.WriteNumber("bulkShare", plan.Throughput.Input.BulkShare);
                w.WriteNumber("databaseRoundTripMs", plan.Throughput.Input.DatabaseRoundTripMs);
                w.WriteNumber("sesCallsPerBatch", plan.Throughput.SesCallsPerBatch);
                w.WriteNumber("batchMs", Math.Round(plan.Throughput.BatchMs, 3));
                w.WriteNumber("perEnvironmentRate", Math.Round(plan.Throughput.PerEnvironmentRate, 3));
                w.WriteNumber("environmentsNeeded", plan.EnvironmentsNeeded);
                w.WriteNumber("connectionsNeeded", plan.ConnectionsNeeded);
                w.WriteNumber("fastestBatchSize", plan.FastestBatchSize);
                WriteNullable(w, "largestSafeConcurrency", plan.LargestSafeConcurrency);
                w.WriteBoolean("fitsBudget", plan.FitsBudget);
                w.WriteNumber("deployedConcurrency", plan.DeployedConcurrency);
                w.WriteNumber("expectedRate", Math.Round(plan.ExpectedRate, 3));
                w.WriteBoolean("accountRateBinds", plan.AccountRateBinds);
                w.WriteBoolean("batchFitsTimeout", plan.BatchFitsTimeout);
                if (campaignJobs is { } jobs)
                {
                    w.WriteNumber("campaignJobs", jobs);
                    w.WriteNumber("campaignSeconds", Math.Round(plan.CampaignDuration(jobs).TotalSeconds, 1));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is long v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
