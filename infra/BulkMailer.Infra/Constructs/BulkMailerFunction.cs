using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.EventSources;
using BulkMailer.Deployment.Options;
using Constructs;
using Architecture = Amazon.CDK.AWS.Lambda.Architecture;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// One BulkMailer function: <c>provided.al2023</c> with the packaged <c>bootstrap</c>, reserved concurrency, in the
/// VPC's private subnets with egress (SES, SQS and CloudFormation's response URL are reached through the NAT gateway)
/// with its own security group admitted to the database, logged in as its <see cref="FunctionDatabaseRole"/>; the Parameters and
/// Secrets extension only when it reads the database secret. <see cref="ConsumeQueue"/> adds the SQS event source mapping.
/// </summary>
public sealed class BulkMailerFunction : Construct
{
    /// <summary>Port of the Parameters and Secrets extension's local HTTP endpoint.</summary>
    public const int SecretsExtensionPort = 2773;

    /// <summary>Creates the function and its security group.</summary>
    /// <param name="shape">Memory, timeout, reserved concurrency and code.</param>
    /// <param name="architecture">Processor of the packaged code.</param>
    /// <param name="database">The database it connects to.</param>
    /// <param name="login">Who it logs in as.</param>
    /// <param name="extraEnvironment">Environment beyond the database variables.</param>
    /// <param name="readsOtherSecrets">True when it reads a secret besides the database's (the unsubscribe signing key): it then gets the extension whatever its login.</param>
    public BulkMailerFunction(
        Construct scope,
        string id,
        FunctionShape shape,
        FunctionArchitecture architecture,
        DatabaseAccess database,
        FunctionDatabaseRole login,
        IReadOnlyDictionary<string, string> extraEnvironment,
        bool readsOtherSecrets = false)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(extraEnvironment);

        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = database.Vpc,
            AllowAllOutbound = true,
            Description = $"BulkMailer {id} function: outbound to the database and, through the NAT gateway, AWS APIs.",
        });

        var environment = new Dictionary<string, string>(extraEnvironment);
        foreach ((string name, string value) in database.EnvironmentFor(login))
        {
            environment[name] = value;
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = $"BulkMailer {id}",
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = architecture == FunctionArchitecture.Arm64 ? Architecture.ARM_64 : Architecture.X86_64,
            Handler = "bootstrap",
            Code = FunctionCode.For(this, shape.CodePath, shape.CodePathKey),
            MemorySize = shape.MemoryMb,
            Timeout = Duration.Seconds(shape.TimeoutSeconds),
            ReservedConcurrentExecutions = shape.ReservedConcurrency,
            Environment = environment,
            Vpc = database.Vpc,
            VpcSubnets = database.FunctionSubnets,
            SecurityGroups = [SecurityGroup],
            ParamsAndSecrets = database.ReadsSecret(login) || readsOtherSecrets
                ? ParamsAndSecretsLayerVersion.FromVersion(ParamsAndSecretsVersions.V1_0_103, new ParamsAndSecretsOptions
                {
                    CacheEnabled = true,
                    HttpPort = SecretsExtensionPort,
                    SecretsManagerTtl = Duration.Minutes(5),
                })
                : null,
        });
        database.GrantLogin(Function, login);
        database.AllowFrom(SecurityGroup, $"BulkMailer {id} function");
    }

    /// <summary>The Lambda function.</summary>
    public Function Function { get; }

    /// <summary>The function's security group.</summary>
    public SecurityGroup SecurityGroup { get; }

    /// <summary>Feeds the function from <paramref name="queue"/> with report-batch-item-failures; the grant includes ChangeMessageVisibility.</summary>
    public void ConsumeQueue(QueueWithDeadLetter queue, FunctionDeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(settings);
        Function.AddEventSource(new SqsEventSource(queue.Queue, new SqsEventSourceProps
        {
            BatchSize = settings.BatchSize,
            MaxBatchingWindow = settings.MaxBatchingWindowSeconds > 0 ? Duration.Seconds(settings.MaxBatchingWindowSeconds) : null,
            MaxConcurrency = settings.MaxConcurrency,
            ReportBatchItemFailures = true,
        }));
    }
}
