using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer budget</c> (docs/contract.md §5, CLI): the connection-budget arithmetic the CDK guard enforces, for operators.
/// Prints every term, the headroom, the largest safe concurrency per function and, given <c>--send-rate</c> and
/// <c>--mail-latency-ms</c>, the sender concurrency and batch size that reach that rate. Exit codes: 0 within budget,
/// 3 over it, 2 for unusable input.
/// </summary>
public static class BudgetCommand
{
    /// <summary>Exit code when the configuration is within the budget.</summary>
    public const int WithinBudgetExitCode = 0;

    /// <summary>Exit code for input that cannot be computed (unknown class, malformed --function).</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code when the configuration is over the budget.</summary>
    public const int OverBudgetExitCode = 3;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var o = new BudgetOptions();
        var command = new Command("budget", "Connection-budget arithmetic: will these functions fit in the database's max_connections?")
        {
            o.InstanceClass, o.MaxConnections, o.Functions, o.OtherClients, o.TurnoverMargin, o.SuperuserReserved,
            o.RdsSuperuserReserved, o.ProxyPercent, o.SendRate, o.MailLatencyMs, o.SenderTimeoutSeconds, o.SenderFunction, o.Json,
        };
        command.SetAction(parse =>
        {
            // The invocation's writers (Console unless a caller such as a test redirects them).
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            BudgetReport report;
            SendRatePlan? plan;
            try
            {
                report = ConnectionBudget.Compute(o.ToInput(parse));
                plan = o.ToPlan(parse, report);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                error.WriteLine($"budget: {e.Message}");
                return UsageExitCode;
            }

            output.Write(parse.GetValue(o.Json) ? RenderJson(report, plan) : RenderTable(report, plan));
            if (!report.WithinBudget)
            {
                error.WriteLine(report.Summary);
                return OverBudgetExitCode;
            }

            return WithinBudgetExitCode;
        });
        return command;
    }

    /// <summary>The budget input that <paramref name="args"/> (the command's own arguments, without "budget") describe.</summary>
    /// <exception cref="ArgumentException">The arguments do not parse or describe no database.</exception>
    public static BudgetInput ParseInput(IReadOnlyList<string> args)
    {
        var o = new BudgetOptions();
        var command = new Command("budget") { o.InstanceClass, o.MaxConnections, o.Functions, o.OtherClients, o.TurnoverMargin, o.SuperuserReserved, o.RdsSuperuserReserved, o.ProxyPercent };
        ParseResult parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", parse.Errors.Select(e => e.Message)));
        }

        return o.ToInput(parse);
    }

    /// <summary>Parses <c>NAME:concurrency=C[,connections=K]</c>.</summary>
    /// <exception cref="FormatException">The text does not have that form.</exception>
    public static FunctionDemand ParseFunction(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? "" : spec[..colon].Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"--function '{spec}': expected NAME:concurrency=C[,connections=K].");
        }

        int? concurrency = null;
        int connections = 1;
        foreach (string part in spec[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                throw new FormatException($"--function '{spec}': '{part}' is not KEY=NUMBER.");
            }

            switch (kv[0].ToLowerInvariant())
            {
                case "concurrency":
                    concurrency = value;
                    break;
                case "connections":
                    connections = value;
                    break;
                default:
                    throw new FormatException($"--function '{spec}': unknown key '{kv[0]}' (concurrency, connections).");
            }
        }

        return concurrency is int c
            ? new FunctionDemand(name, c, connections)
            : throw new FormatException($"--function '{spec}': concurrency=C is required.");
    }

    private static string RenderTable(BudgetReport r, SendRatePlan? plan)
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

    private static string RenderJson(BudgetReport r, SendRatePlan? plan)
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
                w.WriteNumber("targetRate", plan.TargetRate);
                w.WriteNumber("mailLatencyMs", plan.MailLatencyMs);
                w.WriteNumber("perEnvironmentRate", Math.Round(plan.PerEnvironmentRate, 3));
                w.WriteNumber("concurrencyNeeded", plan.ConcurrencyNeeded);
                w.WriteNumber("batchSize", plan.BatchSize);
                WriteNullable(w, "largestSafeConcurrency", plan.LargestSafeConcurrency);
                w.WriteBoolean("reachable", plan.Reachable);
                w.WriteNumber("achievableRate", Math.Round(plan.AchievableRate, 3));
                w.WriteNumber("maxSendRatePerEnvironment", Math.Round(plan.MaxSendRatePerEnvironment, 3));
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

    // The options of one command instance; ToInput maps a parse of them onto the shared arithmetic's input.
    private sealed class BudgetOptions
    {
        public Option<string?> InstanceClass { get; } = new("--instance-class") { Description = "RDS instance class, e.g. db.t3.medium (max_connections is estimated from its memory)" };

        public Option<int?> MaxConnections { get; } = new("--max-connections") { Description = "The server's max_connections (SHOW max_connections); overrides --instance-class" };

        public Option<string[]> Functions { get; } = new("--function") { Description = "NAME:concurrency=C[,connections=K], once per function (K defaults to 1)", Arity = ArgumentArity.OneOrMore };

        public Option<int> OtherClients { get; } = new("--other-clients") { Description = "Connections kept for other clients", DefaultValueFactory = _ => 0 };

        public Option<int> TurnoverMargin { get; } = new("--turnover-margin") { Description = "Turnover margin in percent of the functions' connections", DefaultValueFactory = _ => BudgetInput.DefaultTurnoverMarginPercent };

        public Option<int> SuperuserReserved { get; } = new("--superuser-reserved") { Description = "superuser_reserved_connections", DefaultValueFactory = _ => BudgetInput.DefaultSuperuserReservedConnections };

        public Option<int> RdsSuperuserReserved { get; } = new("--rds-superuser-reserved") { Description = "rds.rds_superuser_reserved_connections", DefaultValueFactory = _ => BudgetInput.DefaultRdsSuperuserReservedConnections };

        public Option<int?> ProxyPercent { get; } = new("--proxy-max-connections-percent") { Description = "An RDS Proxy is in front with this MaxConnectionsPercent" };

        public Option<double?> SendRate { get; } = new("--send-rate") { Description = "Target mails per second (the SES maximum send rate); needs --mail-latency-ms" };

        public Option<double?> MailLatencyMs { get; } = new("--mail-latency-ms") { Description = "Measured milliseconds per mail in one environment" };

        public Option<int> SenderTimeoutSeconds { get; } = new("--sender-timeout-seconds") { Description = "Sender timeout; a batch uses at most half of it", DefaultValueFactory = _ => 30 };

        public Option<string> SenderFunction { get; } = new("--sender-function") { Description = "Which --function is the sender", DefaultValueFactory = _ => "sender" };

        public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of a table" };

        public BudgetInput ToInput(ParseResult parse) => new()
        {
            InstanceClass = parse.GetValue(InstanceClass),
            MaxConnections = parse.GetValue(MaxConnections),
            OtherClients = parse.GetValue(OtherClients),
            TurnoverMarginPercent = parse.GetValue(TurnoverMargin),
            SuperuserReservedConnections = parse.GetValue(SuperuserReserved),
            RdsSuperuserReservedConnections = parse.GetValue(RdsSuperuserReserved),
            ProxyMaxConnectionsPercent = parse.GetValue(ProxyPercent),
            Functions = [.. (parse.GetValue(Functions) ?? []).Select(ParseFunction)],
        };

        public SendRatePlan? ToPlan(ParseResult parse, BudgetReport report)
        {
            double? rate = parse.GetValue(SendRate);
            double? latency = parse.GetValue(MailLatencyMs);
            if (rate is null && latency is null)
            {
                return null;
            }

            if (rate is null || latency is null)
            {
                throw new ArgumentException("--send-rate and --mail-latency-ms go together.");
            }

            return SendRatePlanner.Plan(rate.Value, latency.Value, parse.GetValue(SenderTimeoutSeconds), report, parse.GetValue(SenderFunction) ?? "sender");
        }
    }
}
