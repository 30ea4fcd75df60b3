using BulkMailer.Lambda.Configuration;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using BulkMailer.Deployment.Options;
using Constructs;
using Architecture = Amazon.CDK.AWS.Lambda.Architecture;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// One BulkMailer function: <c>provided.al2023</c> with the published <c>bootstrap</c>, reserved concurrency, in the
/// VPC's private subnets with its own security group (admitted to the database), the Parameters and Secrets extension
/// for the database secret, and the SQS event source mapping with report-batch-item-failures.
/// </summary>
public sealed class MailFunction : Construct
{
    /// <summary>Port of the Parameters and Secrets extension's local HTTP endpoint.</summary>
    public const int SecretsExtensionPort = 2773;

    /// <summary>Creates the function, its security group and its event source mapping.</summary>
    /// <param name="settings">This function's tunables.</param>
    /// <param name="options">All options (architecture, code policy).</param>
    /// <param name="keyPrefix">Context key prefix of <paramref name="settings"/>, for messages.</param>
    /// <param name="queue">The queue it reads.</param>
    /// <param name="database">The database it connects to.</param>
    /// <param name="extraEnvironment">Environment beyond the database variables.</param>
    public MailFunction(
        Construct scope,
        string id,
        FunctionDeploymentSettings settings,
        DeploymentOptions options,
        string keyPrefix,
        QueueWithDeadLetter queue,
        DatabaseAccess database,
        IReadOnlyDictionary<string, string> extraEnvironment)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(extraEnvironment);

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = database.Vpc,
            AllowAllOutbound = true,
            Description = $"BulkMailer {id} function: outbound to the database, SES and Secrets Manager.",
        });

        var environment = new Dictionary<string, string>(extraEnvironment)
        {
            [FunctionVariables.Database] = database.ConnectionString,
            [FunctionVariables.DatabaseSecretArn] = database.Secret.SecretArn,
        };

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = $"BulkMailer {id}",
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = options.Architecture == FunctionArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64,
            Handler = "bootstrap",
            Code = FunctionCode.For(this, settings.CodePath, options.RequirePublishedCode, keyPrefix + DeploymentContextKeys.FunctionCodePath),
            MemorySize = settings.MemoryMb,
            Timeout = Duration.Seconds(settings.TimeoutSeconds),
            ReservedConcurrentExecutions = settings.ReservedConcurrency,
            Environment = environment,
            Vpc = database.Vpc,
            VpcSubnets = database.FunctionSubnets,
            SecurityGroups = [SecurityGroup],
            ParamsAndSecrets = ParamsAndSecretsLayerVersion.FromVersion(ParamsAndSecretsVersions.V1_0_103, new ParamsAndSecretsOptions
            {
                CacheEnabled = true,
                HttpPort = SecretsExtensionPort,
                SecretsManagerTtl = Duration.Minutes(5),
            }),
        });
        database.Secret.GrantRead(Function);
        database.AllowFrom(SecurityGroup, $"BulkMailer {id} function");

        Function.AddEventSource(new SqsEventSource(queue.Queue, new SqsEventSourceProps
        {
            BatchSize = settings.BatchSize,
            MaxBatchingWindow = settings.MaxBatchingWindowSeconds > 0 ? Duration.Seconds(settings.MaxBatchingWindowSeconds) : null,
            MaxConcurrency = settings.MaxConcurrency,
            ReportBatchItemFailures = true,
        }));
    }

    /// <summary>The Lambda function.</summary>
    public Function Function { get; }

    /// <summary>The function's security group.</summary>
    public SecurityGroup SecurityGroup { get; }
}
