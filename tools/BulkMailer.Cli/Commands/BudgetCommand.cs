using System.CommandLine;
using System.Globalization;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer budget</c> (docs/contract.md §5, CLI): the connection-budget arithmetic the CDK guard enforces, for operators.
/// Prints every term, the headroom, the largest safe concurrency per function and, given <c>--send-rate</c> and
/// <c>--ses-latency-ms</c>, the send-rate plan (<see cref="SendRatePlanner"/>): environments and connections that reach
/// the account rate, the rate the sender's concurrency reaches, and a campaign's duration. Exit codes: 0 within budget,
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
        var o = new BudgetCommandOptions();
        var command = new Command("budget", "Connection-budget arithmetic: will these functions fit in the database's max_connections?")
        {
            o.InstanceClass, o.MaxConnections, o.Functions, o.OtherClients, o.TurnoverMargin, o.SuperuserReserved,
            o.RdsSuperuserReserved, o.ProxyPercent, o.SendRate, o.SesLatencyMs, o.SendParallelism, o.BatchSize, o.BulkShare, o.DatabaseRoundTripMs, o.CampaignJobs, o.SenderTimeoutSeconds, o.SenderFunction, o.Json,
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

            long? campaignJobs = parse.GetValue(o.CampaignJobs);
            output.Write(parse.GetValue(o.Json) ? BudgetReportJson.Render(report, plan, campaignJobs) : BudgetReportTable.Render(report, plan, campaignJobs));
            if (campaignJobs is { } jobs && plan is not null && QueueRetention.Warning(jobs, plan.ExpectedRate) is { } outlives)
            {
                error.WriteLine($"budget: warning: {outlives}");
            }
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
        var o = new BudgetCommandOptions();
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
}
