using Amazon.CDK;
using BulkMailer.Deployment.Options;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// The schema on deploy: the migrator function (master login, reserved concurrency 1) and a custom resource backed
/// by it directly. CloudFormation invokes it on Create and whenever <see cref="MigrationSet.Hash"/> changes; the
/// migrator answers by PUT to the request's ResponseURL (an S3 presigned URL, reached through the NAT gateway), and
/// Delete keeps the data. The resource waits for the whole database construct (instance, ingress rules, proxy), and
/// every function that consumes a queue should depend on <see cref="Resource"/>.
/// </summary>
public sealed class SchemaMigration : Construct
{
    /// <summary>The resource type CloudFormation shows.</summary>
    public const string ResourceType = "Custom::BulkMailerSchema";

    /// <summary>The migrator's timeout: migrations are small, and it answers CloudFormation before the deadline.</summary>
    public const int TimeoutSeconds = 300;

    /// <summary>The migrator's memory.</summary>
    public const int MemoryMb = 256;

    /// <summary>Creates the migrator and the custom resource.</summary>
    public SchemaMigration(Construct scope, string id, DeploymentOptions options, DatabaseAccess database)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);

        Migrator = new BulkMailerFunction(
            this,
            "Migrator",
            new FunctionShape(MemoryMb, TimeoutSeconds, DeploymentOptions.MigratorReservedConcurrency, options.MigratorCodePath, DeploymentContextKeys.MigratorCodePath),
            options.Architecture,
            database,
            FunctionDatabaseRole.Master,
            new Dictionary<string, string>());

        Resource = new CustomResource(this, "Schema", new CustomResourceProps
        {
            ServiceToken = Migrator.Function.FunctionArn,
            ResourceType = ResourceType,
            Properties = new Dictionary<string, object> { ["MigrationsHash"] = MigrationSet.Hash },
        });
        Resource.Node.AddDependency(database);
    }

    /// <summary>The migrator function.</summary>
    public BulkMailerFunction Migrator { get; }

    /// <summary>The custom resource: done when the schema is migrated.</summary>
    public CustomResource Resource { get; }
}
