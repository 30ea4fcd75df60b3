using BulkMailer.Deployment.Options;

namespace BulkMailer.InfraTests;

/// <summary>The configurations the tests synthesize, each described once.</summary>
public static class TestOptions
{
    /// <summary>Code paths that do not exist, so the placeholder bootstrap is used (allowed by <see cref="Unpackaged"/>).</summary>
    public static FunctionDeploymentSettings Unpublished(FunctionDeploymentSettings settings) => settings with { CodePath = "does-not-exist/" + settings.CodePath };

    /// <summary>The context the synth-from-context tests start from: no package needed, the placeholder stands in.</summary>
    public static IReadOnlyDictionary<string, object> PlaceholderContext { get; } = new Dictionary<string, object>
    {
        [DeploymentContextKeys.AllowPlaceholderCode] = true,
    };

    /// <summary>No function packaged, the placeholder allowed: what the stack tests synthesize without building Native AOT code.</summary>
    public static DeploymentOptions Unpackaged { get; } = DeploymentOptions.Default with
    {
        Sender = Unpublished(DeploymentOptions.DefaultSender),
        Feedback = Unpublished(DeploymentOptions.DefaultFeedback),
        MigratorCodePath = "does-not-exist/" + DeploymentOptions.Default.MigratorCodePath,
        Unsubscribe = new UnsubscribeSettings { CodePath = "does-not-exist/" + new UnsubscribeSettings().CodePath },
        Maintenance = new MaintenanceSettings { CodePath = "does-not-exist/" + new MaintenanceSettings().CodePath },
        AllowPlaceholderCode = true,
    };

    /// <summary>
    /// A new database exactly at the budget limit: max_connections 49 − 5 reserved = 44 available; sender 20 + feedback 5
    /// + migrator 1 + unsubscribe 2 + maintenance 1 = 29 connections + 15 margin = 44 required. Also an SES identity the stack creates and a template pattern.
    /// </summary>
    public static DeploymentOptions NewDatabaseAtTheLimit { get; } = Unpackaged with
    {
        Database = new DatabaseSettings { InstanceClass = "db.t4g.medium", MaxConnections = 49 },
        Ses = new SesSettings { Identity = "acme.example", CreateIdentity = true, TemplateNamePattern = "bulkmailer-*" },
    };

    /// <summary>An existing database behind a new RDS Proxy, x86_64, envelope (non-raw) SNS delivery.</summary>
    public static DeploymentOptions ExistingDatabaseBehindProxy { get; } = Unpackaged with
    {
        Architecture = FunctionArchitecture.X86_64,
        RawMessageDelivery = false,
        Database = new DatabaseSettings
        {
            Mode = DatabaseMode.Existing,
            MaxConnections = 200,
            UseProxy = true,
            ProxyMaxConnectionsPercent = 60,
            ExistingEndpoint = "shared-db.abc123.eu-west-1.rds.amazonaws.com",
            ExistingSecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bulkmailer-db-AbCdEf",
            ExistingSecurityGroupId = "sg-0123456789abcdef0",
            ExistingVpcId = "vpc-0123456789abcdef0",
            ExistingAvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            ExistingPrivateSubnetIds = ["subnet-0aaa", "subnet-0bbb"],
            ExistingInstanceIdentifier = "shared-db",
        },
    };
}
