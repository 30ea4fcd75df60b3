using BulkMailer.Lambda.Configuration;
using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS.Subscriptions;
using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra.Constructs;
using Constructs;

namespace BulkMailer.Infra;

/// <summary>
/// The whole BulkMailer deployment: mail-jobs queue → sender → SES (configuration set → SNS) → feedback queue →
/// feedback, the database and the migrator that creates its schema on deploy, the scheduled maintenance, alarms and dashboard. The options and the
/// packaged code are validated before anything is created; options over the connection budget, code that is not
/// packaged for the architecture, or anything else undeployable throw <see cref="DeploymentValidationException"/> so
/// the synth fails.
/// </summary>
public sealed class BulkMailerStack : Stack
{
    /// <summary>Validates <paramref name="options"/> and builds the stack.</summary>
    public BulkMailerStack(Construct scope, string id, DeploymentOptions options, IStackProps? props = null)
        : base(scope, id, ValidateFirst(options, props))
    {
        Options = options;
        Budget = options.ComputeBudget();
        var c = CultureInfo.InvariantCulture;

        MailJobs = new QueueWithDeadLetter(this, "MailJobs", options.Sender);
        FeedbackQueue = new QueueWithDeadLetter(this, "FeedbackEvents", options.Feedback);
        Ses = new SesEvents(this, "Ses", options.Ses);

        // SqsSubscription also writes the queue policy: sns.amazonaws.com may SendMessage only with aws:SourceArn = this topic.
        Ses.Topic.AddSubscription(new SqsSubscription(FeedbackQueue.Queue, new SqsSubscriptionProps
        {
            RawMessageDelivery = options.RawMessageDelivery,
        }));

        Database = new DatabaseAccess(this, "Database", options, Budget.MaxConnections);

        Migration = new SchemaMigration(this, "Schema", options, Database);

        Unsubscribe = new Unsubscribe(this, "Unsubscribe", options, Database);

        Maintenance = new ScheduledMaintenance(this, "Maintenance", options, Database);

        var senderEnvironment = new Dictionary<string, string>
        {
            [FunctionVariables.ConfigurationSet] = options.Ses.ConfigurationSetName,
            // The account's one rate, shared by every environment through the send governor (docs/operators.md,
            // "Send governor"); no per-environment split, so a change of concurrency needs no recomputation.
            [FunctionVariables.AccountSendRate] = options.Ses.MaxSendRate.ToString("0.###", c),
            // A back-off shorter than the visibility timeout would bring a message back sooner than not backing off.
            [FunctionVariables.HandBackFirstDelaySeconds] = options.Sender.EffectiveVisibilityTimeoutSeconds.ToString(c),
        };
        if (options.Ses.AllowedConfigurationSets.Count > 0)
        {
            senderEnvironment[FunctionVariables.AllowedConfigurationSets] = string.Join(',', options.Ses.AllowedConfigurationSets);
        }
        foreach ((string name, string value) in Unsubscribe.SenderEnvironment)
        {
            senderEnvironment[name] = value;
        }
        Sender = new BulkMailerFunction(this, "Sender", FunctionShape.Of(options.Sender, DeploymentContextKeys.Sender), options.Architecture, Database, FunctionDatabaseRole.Application, senderEnvironment, readsOtherSecrets: true);
        Unsubscribe.LinkSender(Sender);
        Sender.ConsumeQueue(MailJobs, options.Sender);
        Sender.Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "SendThroughBulkMailerIdentityAndConfigurationSet",
            Effect = Effect.ALLOW,
            Actions = ["ses:SendEmail", "ses:SendBulkEmail"],
            // A job may name an allowed configuration set; the role may use exactly those (the validator rejects the rest).
            Resources = [Ses.IdentityArn, Ses.ConfigurationSetArn, Ses.TemplateArn,
                .. options.Ses.AllowedConfigurationSets.Select(name => FormatArn(new ArnComponents { Service = "ses", Resource = "configuration-set", ResourceName = name }))],
        }));

        Sender.Function.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadTheAccountSendQuota",
            Effect = Effect.ALLOW,
            Actions = ["ses:GetAccount"],
            // GetAccount has no resource to scope it to (the account's own quota and rate); it reads, never changes.
            Resources = ["*"],
        }));

        Feedback = new BulkMailerFunction(this, "Feedback", FunctionShape.Of(options.Feedback, DeploymentContextKeys.Feedback), options.Architecture, Database, FunctionDatabaseRole.Application, new Dictionary<string, string>());
        Feedback.ConsumeQueue(FeedbackQueue, options.Feedback);

        // No function consumes a queue before the schema exists: a claim on a missing table would fail every batch
        // into the DLQ. The dependency covers each function and everything under it, its event source mapping included.
        Sender.Function.Node.AddDependency(Migration.Resource);
        Feedback.Function.Node.AddDependency(Migration.Resource);
        // Its database role is created by a migration: no login before the schema is there.
        Unsubscribe.Function.Function.Node.AddDependency(Migration.Resource);
        Maintenance.Function.Function.Node.AddDependency(Migration.Resource);

        Monitoring = new Monitoring(this, "Monitoring", options.Alarms, Budget, Database.ConnectionsMetric, MailJobs, FeedbackQueue, Sender, Feedback, Maintenance);

        Output("BudgetMaxConnections", Budget.MaxConnections.ToString(c), $"max_connections used by the budget ({Budget.MaxConnectionsSource})");
        Output("BudgetAvailable", Budget.Available.ToString(c), "max_connections − reserved slots − other clients");
        Output("BudgetRequired", Budget.Required.ToString(c), "functions' connections + turnover margin (or the proxy pool)");
        Output("BudgetHeadroom", Budget.Headroom.ToString(c), "available − required");
        Output("BudgetSummary", Budget.Summary, "the connection budget in one sentence");
        SendRatePlan = options.PlanSendRate();
        Output("SendRateExpected", SendRatePlan.ExpectedRate.ToString("0.###", c), "mails/s the sender's concurrency reaches, capped by the account rate (bulkmailer budget prints the same)");
        Output("SendRateEnvironmentsNeeded", SendRatePlan.EnvironmentsNeeded.ToString(c), "sender environments (and connections) that reach the account rate");
        if (!SendRatePlan.AccountRateBinds)
        {
            Annotations.Of(this).AddWarning(string.Create(c,
                $"The sender's {SendRatePlan.DeployedConcurrency} environments reach about {SendRatePlan.ExpectedRate:0.#} mails/s, below the account's {SendRatePlan.AccountRate:0.#}: {SendRatePlan.EnvironmentsNeeded} are needed at {options.Ses.CallLatencyMs:0.#} ms per SES call (bulkmailer budget --send-rate ... --ses-latency-ms ... shows the arithmetic)."));
        }
        Output("MailJobsQueueUrl", MailJobs.Queue.QueueUrl, "enqueue mail jobs here");
        Output("MailJobsDeadLetterQueueUrl", MailJobs.DeadLetterQueue.QueueUrl, "mail jobs that failed maxReceiveCount times");
        Output("FeedbackTopicArn", Ses.Topic.TopicArn, "SES events topic");
        Output("ConfigurationSetName", options.Ses.ConfigurationSetName, "SES configuration set");
        Output("DatabaseSecretArn", Database.Secret.SecretArn, "database credentials");
        Output("DatabaseEndpoint", Database.Host, "the host the functions connect to (the proxy when there is one)");
        Output("MigratorFunctionName", Migration.Migrator.Function.FunctionName, "invoke directly to migrate outside a deploy");
        Output("AlarmTopicArn", Monitoring.AlarmTopic.TopicArn, "subscribe on-call here");
        Output("MaintenanceFunctionName", Maintenance.Function.Function.FunctionName, "invoke directly to run the event retention and the stuck-job count now");
        Output("UnsubscribeUrl", Unsubscribe.Url.Url, "the one-click unsubscribe function URL (the base of every List-Unsubscribe link)");
    }

    /// <summary>The options the stack was built from.</summary>
    public DeploymentOptions Options { get; }

    /// <summary>The connection budget (also in the stack outputs).</summary>
    public BudgetReport Budget { get; }

    /// <summary>The send-rate plan (also in the stack outputs).</summary>
    public SendRatePlan SendRatePlan { get; }

    /// <summary>Mail-jobs queue and DLQ.</summary>
    public QueueWithDeadLetter MailJobs { get; }

    /// <summary>Feedback queue and DLQ.</summary>
    public QueueWithDeadLetter FeedbackQueue { get; }

    /// <summary>SES configuration set, events topic, identity.</summary>
    public SesEvents Ses { get; }

    /// <summary>The database.</summary>
    public DatabaseAccess Database { get; }

    /// <summary>The migrator and the schema resource.</summary>
    public SchemaMigration Migration { get; }

    /// <summary>The sender function.</summary>
    public BulkMailerFunction Sender { get; }

    /// <summary>The feedback function.</summary>
    public BulkMailerFunction Feedback { get; }

    /// <summary>Alarms and dashboard.</summary>
    public Monitoring Monitoring { get; }

    /// <summary>The unsubscribe function, its URL and signing key.</summary>
    public Unsubscribe Unsubscribe { get; }

    /// <summary>The maintenance function and its schedule.</summary>
    public ScheduledMaintenance Maintenance { get; }

    // Runs before the Stack base constructor so an invalid configuration leaves nothing half-built in the app.
    private static IStackProps? ValidateFirst(DeploymentOptions options, IStackProps? props)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().Concat(CodeProblems(options)).ToList();
        if (problems.Count > 0)
        {
            throw new DeploymentValidationException(problems);
        }

        return props;
    }

    private static IEnumerable<string> CodeProblems(DeploymentOptions options) =>
        new[]
        {
            (Path: options.Sender.CodePath, Key: DeploymentContextKeys.Sender + DeploymentContextKeys.FunctionCodePath),
            (Path: options.Feedback.CodePath, Key: DeploymentContextKeys.Feedback + DeploymentContextKeys.FunctionCodePath),
            (Path: options.MigratorCodePath, Key: DeploymentContextKeys.MigratorCodePath),
            (Path: options.Unsubscribe.CodePath, Key: DeploymentContextKeys.Unsubscribe + DeploymentContextKeys.FunctionCodePath),
            (Path: options.Maintenance.CodePath, Key: DeploymentContextKeys.Maintenance + DeploymentContextKeys.FunctionCodePath),
        }
        .Where(code => !string.IsNullOrWhiteSpace(code.Path))
        .Select(code => FunctionCode.Problem(code.Path, options.Architecture, options.AllowPlaceholderCode, code.Key))
        .OfType<string>();

    private void Output(string id, string value, string description) =>
        new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
