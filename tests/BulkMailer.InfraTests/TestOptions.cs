using BulkMailer.Deployment.Options;

namespace BulkMailer.InfraTests;

/// <summary>The configurations the tests synthesize, each described once.</summary>
public static class TestOptions
{
    /// <summary>Code paths that do not exist, so the placeholder bootstrap is used (as in CI).</summary>
    public static FunctionDeploymentSettings Unpublished(FunctionDeploymentSettings settings) => settings with { CodePath = "does-not-exist/" + settings.CodePath };

    /// <summary>
    /// A new database exactly at the budget limit: max_connections 43 − 5 reserved = 38 available; sender 20 + feedback 5
    /// = 25 connections + 13 margin = 38 required. Also an SES identity the stack creates and a template pattern.
    /// </summary>
    public static DeploymentOptions NewDatabaseAtTheLimit { get; } = DeploymentOptions.Default with
    {
        Sender = Unpublished(DeploymentOptions.DefaultSender),
        Feedback = Unpublished(DeploymentOptions.DefaultFeedback),
        Database = new DatabaseSettings { InstanceClass = "db.t4g.medium", MaxConnections = 43 },
        Ses = new SesSettings { Identity = "acme.example", CreateIdentity = true, TemplateNamePattern = "bulkmailer-*" },
    };

    /// <summary>An existing database behind a new RDS Proxy, x86_64, envelope (non-raw) SNS delivery.</summary>
    public static DeploymentOptions ExistingDatabaseBehindProxy { get; } = DeploymentOptions.Default with
    {
        Sender = Unpublished(DeploymentOptions.DefaultSender),
        Feedback = Unpublished(DeploymentOptions.DefaultFeedback),
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
