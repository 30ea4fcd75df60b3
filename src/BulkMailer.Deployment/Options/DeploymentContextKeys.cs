namespace BulkMailer.Deployment.Options;

/// <summary>
/// The names of every tunable, as cdk.json context keys (<c>"bulkmailer.sender.batchSize": 10</c>) or
/// <c>cdk synth -c bulkmailer.sender.batchSize=10</c>. docs/operators.md lists them with defaults.
/// </summary>
public static class DeploymentContextKeys
{
    /// <summary>Prefix of every key.</summary>
    public const string Prefix = "bulkmailer.";

    /// <summary>Prefix of the sender function's keys; the suffixes are the <c>Function*</c> constants.</summary>
    public const string Sender = Prefix + "sender.";

    /// <summary>Prefix of the feedback function's keys; the suffixes are the <c>Function*</c> constants.</summary>
    public const string Feedback = Prefix + "feedback.";

    /// <summary>Function key suffix: timeout in seconds.</summary>
    public const string FunctionTimeoutSeconds = "timeoutSeconds";

    /// <summary>Function key suffix: memory in MB.</summary>
    public const string FunctionMemoryMb = "memoryMb";

    /// <summary>Function key suffix: SQS batch size.</summary>
    public const string FunctionBatchSize = "batchSize";

    /// <summary>Function key suffix: batching window in seconds.</summary>
    public const string FunctionMaxBatchingWindowSeconds = "maxBatchingWindowSeconds";

    /// <summary>Function key suffix: reserved concurrency.</summary>
    public const string FunctionReservedConcurrency = "reservedConcurrency";

    /// <summary>Function key suffix: event source mapping maximum concurrency.</summary>
    public const string FunctionMaxConcurrency = "maxConcurrency";

    /// <summary>Function key suffix: database connections per environment.</summary>
    public const string FunctionConnectionsPerEnvironment = "connectionsPerEnvironment";

    /// <summary>Function key suffix: redrive maxReceiveCount.</summary>
    public const string FunctionMaxReceiveCount = "maxReceiveCount";

    /// <summary>Function key suffix: queue visibility timeout in seconds.</summary>
    public const string FunctionVisibilityTimeoutSeconds = "visibilityTimeoutSeconds";

    /// <summary>Function key suffix: directory of the published bootstrap.</summary>
    public const string FunctionCodePath = "codePath";

    /// <summary><c>arm64</c> or <c>x86_64</c>.</summary>
    public const string Architecture = Prefix + "architecture";

    /// <summary>
    /// Synthesize with a placeholder <c>bootstrap</c> when a function is not packaged (tests only: the placeholder fails
    /// every invocation). Without it a missing or wrong-architecture package fails the synth.
    /// </summary>
    public const string AllowPlaceholderCode = Prefix + "allowPlaceholderCode";

    /// <summary>Directory of the packaged migrator <c>bootstrap</c>.</summary>
    public const string MigratorCodePath = Prefix + "migrator." + FunctionCodePath;

    /// <summary>NAT gateways of a new VPC.</summary>
    public const string NatGateways = Prefix + "natGateways";

    /// <summary>SNS → feedback queue raw message delivery.</summary>
    public const string RawMessageDelivery = Feedback + "rawMessageDelivery";

    /// <summary>Other clients' connections.</summary>
    public const string OtherClients = Prefix + "budget.otherClients";

    /// <summary>Turnover margin percent.</summary>
    public const string TurnoverMarginPercent = Prefix + "budget.turnoverMarginPercent";

    /// <summary><c>new</c> or <c>existing</c>.</summary>
    public const string DatabaseMode = Prefix + "db.mode";

    /// <summary>RDS instance class.</summary>
    public const string InstanceClass = Prefix + "db.instanceClass";

    /// <summary>Explicit max_connections.</summary>
    public const string MaxConnections = Prefix + "db.maxConnections";

    /// <summary>superuser_reserved_connections.</summary>
    public const string SuperuserReservedConnections = Prefix + "db.superuserReservedConnections";

    /// <summary>rds.rds_superuser_reserved_connections.</summary>
    public const string RdsSuperuserReservedConnections = Prefix + "db.rdsSuperuserReservedConnections";

    /// <summary>Database name.</summary>
    public const string DatabaseName = Prefix + "db.name";

    /// <summary>Database login.</summary>
    public const string Username = Prefix + "db.username";

    /// <summary>Database port.</summary>
    public const string Port = Prefix + "db.port";

    /// <summary>idle_session_timeout in ms.</summary>
    public const string IdleSessionTimeoutMs = Prefix + "db.idleSessionTimeoutMs";

    /// <summary>tcp_keepalives_idle in s.</summary>
    public const string TcpKeepalivesIdleSeconds = Prefix + "db.tcpKeepalivesIdleSeconds";

    /// <summary>tcp_keepalives_interval in s.</summary>
    public const string TcpKeepalivesIntervalSeconds = Prefix + "db.tcpKeepalivesIntervalSeconds";

    /// <summary>tcp_keepalives_count.</summary>
    public const string TcpKeepalivesCount = Prefix + "db.tcpKeepalivesCount";

    /// <summary>RDS Proxy in front.</summary>
    public const string UseProxy = Prefix + "db.proxy";

    /// <summary>RDS Proxy pool percent of max_connections.</summary>
    public const string ProxyMaxConnectionsPercent = Prefix + "db.proxyMaxConnectionsPercent";

    /// <summary>Multi-AZ new instance.</summary>
    public const string MultiAz = Prefix + "db.multiAz";

    /// <summary>Storage of a new instance in GB.</summary>
    public const string AllocatedStorageGb = Prefix + "db.allocatedStorageGb";

    /// <summary>Existing database host.</summary>
    public const string ExistingEndpoint = Prefix + "db.existing.endpoint";

    /// <summary>Existing database secret ARN.</summary>
    public const string ExistingSecretArn = Prefix + "db.existing.secretArn";

    /// <summary>Existing database security group id.</summary>
    public const string ExistingSecurityGroupId = Prefix + "db.existing.securityGroupId";

    /// <summary>Existing VPC id.</summary>
    public const string ExistingVpcId = Prefix + "db.existing.vpcId";

    /// <summary>Existing VPC availability zones, comma separated.</summary>
    public const string ExistingAvailabilityZones = Prefix + "db.existing.availabilityZones";

    /// <summary>Existing VPC private subnet ids, comma separated.</summary>
    public const string ExistingPrivateSubnetIds = Prefix + "db.existing.privateSubnetIds";

    /// <summary>Existing RDS instance identifier (for the connections alarm).</summary>
    public const string ExistingInstanceIdentifier = Prefix + "db.existing.instanceIdentifier";

    /// <summary>SES configuration set name.</summary>
    public const string ConfigurationSetName = Prefix + "ses.configurationSetName";

    /// <summary>Comma-separated SES configuration sets a job may name besides the default (passed to the sender, granted to its role).</summary>
    public const string AllowedConfigurationSets = Prefix + "ses.allowedConfigurationSets";

    /// <summary>SES identity.</summary>
    public const string Identity = Prefix + "ses.identity";

    /// <summary>Create the SES identity.</summary>
    public const string CreateIdentity = Prefix + "ses.createIdentity";

    /// <summary>SES template name pattern.</summary>
    public const string TemplateNamePattern = Prefix + "ses.templateNamePattern";

    /// <summary>SES maximum send rate.</summary>
    public const string MaxSendRate = Prefix + "ses.maxSendRate";

    /// <summary>Milliseconds SES takes per SendEmail/SendBulkEmail call, for the send-rate plan (<see cref="SesSettings.CallLatencyMs"/>).</summary>
    public const string CallLatencyMs = Prefix + "ses.callLatencyMs";

    /// <summary>DB connections alarm percent.</summary>
    public const string AlarmDatabaseConnectionsPercent = Prefix + "alarms.databaseConnectionsPercent";

    /// <summary>Bounce rate alarm.</summary>
    public const string AlarmBounceRate = Prefix + "alarms.bounceRate";

    /// <summary>Complaint rate alarm.</summary>
    public const string AlarmComplaintRate = Prefix + "alarms.complaintRate";

    /// <summary>Oldest message age alarm in seconds.</summary>
    public const string AlarmOldestMessageAgeSeconds = Prefix + "alarms.oldestMessageAgeSeconds";

    /// <summary>Prefix of the unsubscribe function's keys (reservedConcurrency, memoryMb, timeoutSeconds, codePath).</summary>
    public const string Unsubscribe = Prefix + "unsubscribe.";

    /// <summary>Days an unsubscribe link works.</summary>
    public const string UnsubscribeLinkValidityDays = Unsubscribe + "linkValidityDays";

    /// <summary>Prefix of the maintenance function's keys (memoryMb, timeoutSeconds, codePath and the two below).</summary>
    public const string Maintenance = Prefix + "maintenance.";

    /// <summary>Days a stored SES event is kept before the maintenance function deletes it.</summary>
    public const string MaintenanceEventRetentionDays = Maintenance + "eventRetentionDays";

    /// <summary>Minutes between two maintenance runs (the EventBridge schedule).</summary>
    public const string MaintenanceScheduleMinutes = Maintenance + "scheduleMinutes";

    /// <summary>Consecutive runs with expired sending leases before the stuck-job alarm fires.</summary>
    public const string AlarmStuckJobRuns = Prefix + "alarms.stuckJobRuns";
}
