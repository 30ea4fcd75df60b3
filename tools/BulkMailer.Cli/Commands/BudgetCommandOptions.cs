using System.CommandLine;
using BulkMailer.Deployment.Budget;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// The options of one <c>budget</c> command instance; <see cref="ToInput"/> maps a parse of them onto the shared
/// arithmetic's input.
/// </summary>
internal sealed class BudgetCommandOptions
{
    public Option<string?> InstanceClass { get; } = new("--instance-class") { Description = "RDS instance class, e.g. db.t3.medium (max_connections is estimated from its memory)" };

    public Option<int?> MaxConnections { get; } = new("--max-connections") { Description = "The server's max_connections (SHOW max_connections); overrides --instance-class" };

    public Option<string[]> Functions { get; } = new("--function") { Description = "NAME:concurrency=C[,connections=K], once per function (K defaults to 1)", Arity = ArgumentArity.OneOrMore };

    public Option<int> OtherClients { get; } = new("--other-clients") { Description = "Connections kept for other clients", DefaultValueFactory = _ => 0 };

    public Option<int> TurnoverMargin { get; } = new("--turnover-margin") { Description = "Turnover margin in percent of the functions' connections", DefaultValueFactory = _ => BudgetInput.DefaultTurnoverMarginPercent };

    public Option<int> SuperuserReserved { get; } = new("--superuser-reserved") { Description = "superuser_reserved_connections", DefaultValueFactory = _ => BudgetInput.DefaultSuperuserReservedConnections };

    public Option<int> RdsSuperuserReserved { get; } = new("--rds-superuser-reserved") { Description = "rds.rds_superuser_reserved_connections", DefaultValueFactory = _ => BudgetInput.DefaultRdsSuperuserReservedConnections };

    public Option<int?> ProxyPercent { get; } = new("--proxy-max-connections-percent") { Description = "An RDS Proxy is in front with this MaxConnectionsPercent" };

    public Option<double?> SendRate { get; } = new("--send-rate") { Description = "The account's SES maximum send rate (mails/s); needs --ses-latency-ms" };

    public Option<double?> SesLatencyMs { get; } = new("--ses-latency-ms", "--mail-latency-ms") { Description = "Measured milliseconds SES takes per SendEmail/SendBulkEmail call" };

    public Option<int> SendParallelism { get; } = new("--send-parallelism") { Description = "BULKMAILER_SEND_PARALLELISM: SES calls in flight per invocation", DefaultValueFactory = _ => SenderThroughputInput.DefaultSendParallelism };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "The sender's SQS batch size (jobs per invocation)", DefaultValueFactory = _ => SenderThroughputInput.DefaultBatchSize };

    public Option<double> BulkShare { get; } = new("--bulk-share") { Description = "Share (0-1) of jobs sent through SendBulkEmail (templated, same template and sender)", DefaultValueFactory = _ => 0 };

    public Option<double> DatabaseRoundTripMs { get; } = new("--db-round-trip-ms") { Description = "Milliseconds per database round trip (2 per batch)", DefaultValueFactory = _ => SenderThroughputInput.DefaultDatabaseRoundTripMs };

    public Option<long?> CampaignJobs { get; } = new("--campaign-jobs") { Description = "Jobs in the campaign: prints how long it takes at the expected rate and warns when that outlives the queues' 14-day retention; needs --send-rate" };

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
        Functions = [.. (parse.GetValue(Functions) ?? []).Select(BudgetCommand.ParseFunction)],
    };

    public SendRatePlan? ToPlan(ParseResult parse, BudgetReport report)
    {
        double? rate = parse.GetValue(SendRate);
        double? latency = parse.GetValue(SesLatencyMs);
        if (parse.GetValue(CampaignJobs) is { } jobs && (jobs < 0 || rate is null))
        {
            throw new ArgumentException(jobs < 0 ? "--campaign-jobs must not be negative." : "--campaign-jobs needs --send-rate and --ses-latency-ms.");
        }

        if (rate is null && latency is null)
        {
            return null;
        }

        if (rate is null || latency is null)
        {
            throw new ArgumentException("--send-rate and --ses-latency-ms go together.");
        }

        var input = new SenderThroughputInput
        {
            SesLatencyMs = latency.Value,
            SendParallelism = parse.GetValue(SendParallelism),
            BatchSize = parse.GetValue(BatchSize),
            BulkShare = parse.GetValue(BulkShare),
            DatabaseRoundTripMs = parse.GetValue(DatabaseRoundTripMs),
        };
        return SendRatePlanner.Plan(rate.Value, input, parse.GetValue(SenderTimeoutSeconds), report, parse.GetValue(SenderFunction) ?? "sender");
    }
}
