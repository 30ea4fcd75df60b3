using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using BulkMailer.Deployment.Options;
using BulkMailer.Deployment.Packaging;
using BulkMailer.Lambda.Configuration;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// The database the functions use: a new RDS for PostgreSQL instance (VPC, parameter group that reaps connections of
/// dead environments and requires TLS, generated secret, IAM authentication) or an existing one, optionally behind an
/// RDS Proxy. Only the security groups passed to <see cref="AllowFrom"/> may connect. Each function logs in as a
/// <see cref="FunctionDatabaseRole"/>: the application role through RDS IAM authentication where the stack owns the instance
/// and no proxy sits between, otherwise through the secret.
/// </summary>
public sealed class DatabaseAccess : Construct
{
    /// <summary><see cref="FunctionVariables.DatabaseAuth"/> for an RDS IAM token per connect.</summary>
    public const string IamAuthentication = "iam";

    private readonly ISecurityGroup _ingressTarget;
    private readonly DatabaseInstance? _createdInstance;
    private readonly DatabaseSettings _settings;

    /// <summary>Creates or imports the database and its network.</summary>
    /// <param name="maxConnections">max_connections of the budget; pinned in a new instance's parameter group so the guard is exact.</param>
    public DatabaseAccess(Construct scope, string id, DeploymentOptions options, int maxConnections)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        _settings = options.Database;
        DatabaseSettings db = _settings;
        var engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresEngineVersion.VER_16 });
        IDatabaseInstance instance;
        ISecurityGroup databaseGroup;

        if (db.Mode == DatabaseMode.New)
        {
            Vpc = new Vpc(this, "Vpc", new VpcProps
            {
                MaxAzs = 2,
                NatGateways = options.NatGateways,
                SubnetConfiguration =
                [
                    new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                    new SubnetConfiguration { Name = "functions", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
                    new SubnetConfiguration { Name = "database", SubnetType = SubnetType.PRIVATE_ISOLATED, CidrMask = 24 },
                ],
            });
            FunctionSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };
            databaseGroup = new SecurityGroup(this, "DatabaseSecurityGroup", new SecurityGroupProps
            {
                Vpc = Vpc,
                AllowAllOutbound = false,
                Description = "BulkMailer database: ingress only from the BulkMailer functions (or their RDS Proxy).",
            });

            var c = CultureInfo.InvariantCulture;
            ParameterGroup = new ParameterGroup(this, "ParameterGroup", new ParameterGroupProps
            {
                Engine = engine,
                Description = "BulkMailer: reap connections of destroyed Lambda environments, require TLS, max_connections pinned to the budget.",
                Parameters = new Dictionary<string, string>
                {
                    ["max_connections"] = maxConnections.ToString(c),
                    ["idle_session_timeout"] = db.IdleSessionTimeoutMs.ToString(c),
                    ["tcp_keepalives_idle"] = db.TcpKeepalivesIdleSeconds.ToString(c),
                    ["tcp_keepalives_interval"] = db.TcpKeepalivesIntervalSeconds.ToString(c),
                    ["tcp_keepalives_count"] = db.TcpKeepalivesCount.ToString(c),
                    ["rds.force_ssl"] = "1",
                },
            });

            var created = new DatabaseInstance(this, "Instance", new DatabaseInstanceProps
            {
                Engine = engine,
                InstanceType = new Amazon.CDK.AWS.EC2.InstanceType(db.InstanceClass.StartsWith("db.", StringComparison.Ordinal) ? db.InstanceClass[3..] : db.InstanceClass),
                Vpc = Vpc,
                VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
                SecurityGroups = [databaseGroup],
                Credentials = Credentials.FromGeneratedSecret(db.Username),
                DatabaseName = db.DatabaseName,
                Port = db.Port,
                ParameterGroup = ParameterGroup,
                MultiAz = db.MultiAz,
                AllocatedStorage = db.AllocatedStorageGb,
                StorageEncrypted = true,
                PubliclyAccessible = false,
                BackupRetention = Duration.Days(7),
                DeletionProtection = true,
                RemovalPolicy = RemovalPolicy.SNAPSHOT,
                IamAuthentication = true,
            });
            instance = created;
            _createdInstance = created;
            Secret = created.Secret!;
            Host = created.DbInstanceEndpointAddress;
            ConnectionsMetric = created.MetricDatabaseConnections(new MetricOptions { Period = Duration.Minutes(1), Statistic = Stats.MAXIMUM });
        }
        else
        {
            Vpc = Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(this, "Vpc", new VpcAttributes
            {
                VpcId = db.ExistingVpcId!,
                AvailabilityZones = [.. db.ExistingAvailabilityZones],
                PrivateSubnetIds = [.. db.ExistingPrivateSubnetIds],
            });
            FunctionSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS };
            databaseGroup = SecurityGroup.FromSecurityGroupId(this, "DatabaseSecurityGroup", db.ExistingSecurityGroupId!, new SecurityGroupImportOptions { Mutable = true });
            Secret = Amazon.CDK.AWS.SecretsManager.Secret.FromSecretCompleteArn(this, "Secret", db.ExistingSecretArn!);
            Host = db.ExistingEndpoint!;
            instance = DatabaseInstance.FromDatabaseInstanceAttributes(this, "Instance", new DatabaseInstanceAttributes
            {
                InstanceIdentifier = db.ExistingInstanceIdentifier ?? "unknown",
                InstanceEndpointAddress = db.ExistingEndpoint!,
                Port = db.Port,
                SecurityGroups = [databaseGroup],
                Engine = engine,
            });
            if (db.ExistingInstanceIdentifier is not null)
            {
                ConnectionsMetric = instance.MetricDatabaseConnections(new MetricOptions { Period = Duration.Minutes(1), Statistic = Stats.MAXIMUM });
            }
        }

        _ingressTarget = databaseGroup;
        if (db.UseProxy)
        {
            // The proxy holds the pool; the functions connect to it and only it connects to the database.
            var proxyGroup = new SecurityGroup(this, "ProxySecurityGroup", new SecurityGroupProps
            {
                Vpc = Vpc,
                AllowAllOutbound = true,
                Description = "BulkMailer RDS Proxy: ingress only from the BulkMailer functions.",
            });
            databaseGroup.AddIngressRule(proxyGroup, Port.Tcp(db.Port), "BulkMailer RDS Proxy");
            Proxy = new DatabaseProxy(this, "Proxy", new DatabaseProxyProps
            {
                ProxyTarget = ProxyTarget.FromInstance(instance),
                Secrets = [Secret],
                Vpc = Vpc,
                VpcSubnets = FunctionSubnets,
                SecurityGroups = [proxyGroup],
                RequireTLS = true,
                MaxConnectionsPercent = db.ProxyMaxConnectionsPercent,
            });
            Host = Proxy.Endpoint;
            _ingressTarget = proxyGroup;
        }
    }

    /// <summary>The VPC the functions join.</summary>
    public IVpc Vpc { get; }

    /// <summary>Private subnets with egress for the functions.</summary>
    public SubnetSelection FunctionSubnets { get; }

    /// <summary>The credentials secret.</summary>
    public ISecret Secret { get; }

    /// <summary>Host the functions connect to (instance, existing endpoint, or proxy).</summary>
    public string Host { get; }

    /// <summary>The parameter group of a new instance; null for an existing database.</summary>
    public ParameterGroup? ParameterGroup { get; }

    /// <summary>The RDS Proxy, when enabled.</summary>
    public DatabaseProxy? Proxy { get; }

    /// <summary>DatabaseConnections of the instance, when the stack knows the instance.</summary>
    public IMetric? ConnectionsMetric { get; }

    /// <summary>
    /// True when the application role logs in with an RDS IAM token (a new instance reached directly): nothing to
    /// rotate, and <c>rds-db:connect</c> is scoped to that one user. Behind a proxy, or on an existing database, the
    /// functions keep logging in through <see cref="Secret"/>.
    /// </summary>
    public bool ApplicationLoginUsesIam => _createdInstance is not null && Proxy is null;

    /// <summary>True when a function with <paramref name="login"/> reads <see cref="Secret"/> (and needs the secrets extension).</summary>
    public bool ReadsSecret(FunctionDatabaseRole login) => login == FunctionDatabaseRole.Master || !ApplicationLoginUsesIam;

    /// <summary>
    /// The database variables of a function with <paramref name="login"/>: <c>BULKMAILER_DB</c> without a password, the
    /// secret ARN or the IAM login, and the CA bundle that verifies the server (TLS is required by <c>rds.force_ssl</c>
    /// on a new instance, and <c>SSL Mode=VerifyFull</c> checks the certificate and the host name).
    /// </summary>
    public IReadOnlyDictionary<string, string> EnvironmentFor(FunctionDatabaseRole login)
    {
        var environment = new Dictionary<string, string> { [FunctionVariables.DatabaseRootCertificate] = FunctionPackages.DeployedCaBundlePath };
        if (login != FunctionDatabaseRole.Master && ApplicationLoginUsesIam)
        {
            environment[FunctionVariables.Database] = ConnectionString(Host, RoleName(login));
            environment[FunctionVariables.DatabaseUser] = RoleName(login);
            environment[FunctionVariables.DatabaseAuth] = IamAuthentication;
            return environment;
        }

        // Behind a proxy the migrator goes through it too (its transaction-scoped advisory lock is fine there), so the
        // proxy's pool stays the only client the budget has to count.
        environment[FunctionVariables.Database] = ConnectionString(Host, _settings.Username);
        environment[FunctionVariables.DatabaseSecretArn] = Secret.SecretArn;
        return environment;
    }

    /// <summary>Lets <paramref name="function"/> log in as <paramref name="login"/>: <c>rds-db:connect</c> for the application role, or read access to the secret.</summary>
    public void GrantLogin(IGrantable function, FunctionDatabaseRole login)
    {
        if (ReadsSecret(login))
        {
            Secret.GrantRead(function);
        }
        else
        {
            _createdInstance!.GrantConnect(function, RoleName(login));
        }
    }

    /// <summary>The database role a function with <paramref name="login"/> logs in as when it uses an IAM token.</summary>
    public static string RoleName(FunctionDatabaseRole login) => login switch
    {
        FunctionDatabaseRole.Unsubscribe => DatabaseSettings.UnsubscribeRole,
        FunctionDatabaseRole.Maintenance => DatabaseSettings.MaintenanceRole,
        _ => DatabaseSettings.ApplicationRole,
    };

    /// <summary>Admits <paramref name="group"/> to the database (or its proxy) on the database port, and nothing else.</summary>
    public void AllowFrom(ISecurityGroup group, string description)
    {
        _ingressTarget.AddIngressRule(group, Port.Tcp(_settings.Port), description);
    }

    private string ConnectionString(string host, string username) =>
        string.Create(CultureInfo.InvariantCulture, $"Host={host};Port={_settings.Port};Database={_settings.DatabaseName};Username={username};SSL Mode=VerifyFull");
}
