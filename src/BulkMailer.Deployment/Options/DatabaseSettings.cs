using BulkMailer.Deployment.Budget;

namespace BulkMailer.Deployment.Options;

/// <summary>Where the database is, how big it is, and the server settings that reap the connections of dead environments.</summary>
public sealed record DatabaseSettings
{
    /// <summary>
    /// The login of the sender and feedback functions, created by the migration <c>V005__app_role.sql</c> with only the
    /// DML they need; the master login (<see cref="Username"/>) is the migrator's alone.
    /// </summary>
    public const string ApplicationRole = "bulkmailer_app";

    /// <summary>The login of the unsubscribe function, created by <c>V010__unsubscribe_role.sql</c>: INSERT on suppression, nothing else.</summary>
    public const string UnsubscribeRole = "bulkmailer_unsubscribe";

    /// <summary>The login of the maintenance function, created by <c>V011__maintenance_role.sql</c>: DELETE on mail_event and SELECT on the columns it counts.</summary>
    public const string MaintenanceRole = "bulkmailer_maintenance";

    /// <summary>Create a new instance (default) or use an existing one.</summary>
    public DatabaseMode Mode { get; init; } = DatabaseMode.New;

    /// <summary>RDS instance class. Default <c>db.t4g.medium</c> (4 GiB, estimated max_connections 377).</summary>
    public string InstanceClass { get; init; } = "db.t4g.medium";

    /// <summary>
    /// The server's max_connections when known (read it with <c>SHOW max_connections</c>). Null: estimated from
    /// <see cref="InstanceClass"/>; a new instance then gets exactly that value pinned in its parameter group.
    /// </summary>
    public int? MaxConnections { get; init; }

    /// <summary><c>superuser_reserved_connections</c>. Default 3.</summary>
    public int SuperuserReservedConnections { get; init; } = BudgetInput.DefaultSuperuserReservedConnections;

    /// <summary><c>rds.rds_superuser_reserved_connections</c>. Default 2.</summary>
    public int RdsSuperuserReservedConnections { get; init; } = BudgetInput.DefaultRdsSuperuserReservedConnections;

    /// <summary>Database name. Default <c>bulkmailer</c>.</summary>
    public string DatabaseName { get; init; } = "bulkmailer";

    /// <summary>The master login, used by the migrator (its password lives only in the secret). Default <c>bulkmailer</c>.</summary>
    public string Username { get; init; } = "bulkmailer";

    /// <summary>Server port. Default 5432.</summary>
    public int Port { get; init; } = 5432;

    /// <summary>
    /// <c>idle_session_timeout</c> in ms: the server closes a session idle this long, which is how connections of
    /// environments Lambda destroyed without warning are reaped. Default 300000 (5 min); the function reconnects once
    /// when it finds its connection closed.
    /// </summary>
    public int IdleSessionTimeoutMs { get; init; } = 300_000;

    /// <summary><c>tcp_keepalives_idle</c> in seconds. Default 60.</summary>
    public int TcpKeepalivesIdleSeconds { get; init; } = 60;

    /// <summary><c>tcp_keepalives_interval</c> in seconds. Default 10.</summary>
    public int TcpKeepalivesIntervalSeconds { get; init; } = 10;

    /// <summary><c>tcp_keepalives_count</c>. Default 3 (a vanished peer is noticed after about 90 s).</summary>
    public int TcpKeepalivesCount { get; init; } = 3;

    /// <summary>Put an RDS Proxy in front (for concurrency beyond what max_connections allows). Default false.</summary>
    public bool UseProxy { get; init; }

    /// <summary>The proxy pool's share of max_connections in percent. Default 50.</summary>
    public int ProxyMaxConnectionsPercent { get; init; } = 50;

    /// <summary>Multi-AZ for a new instance. Default false.</summary>
    public bool MultiAz { get; init; }

    /// <summary>Storage of a new instance in GB. Default 20.</summary>
    public int AllocatedStorageGb { get; init; } = 20;

    /// <summary>Existing database: host name.</summary>
    public string? ExistingEndpoint { get; init; }

    /// <summary>Existing database: Secrets Manager ARN of a secret with <c>username</c> and <c>password</c>.</summary>
    public string? ExistingSecretArn { get; init; }

    /// <summary>Existing database: its security group; the stack adds ingress rules from the functions.</summary>
    public string? ExistingSecurityGroupId { get; init; }

    /// <summary>Existing database: the VPC the functions join.</summary>
    public string? ExistingVpcId { get; init; }

    /// <summary>Existing database: availability zones of <see cref="ExistingPrivateSubnetIds"/>, in the same order.</summary>
    public IReadOnlyList<string> ExistingAvailabilityZones { get; init; } = [];

    /// <summary>Existing database: private subnets (with a route to SES and Secrets Manager) for the functions.</summary>
    public IReadOnlyList<string> ExistingPrivateSubnetIds { get; init; } = [];

    /// <summary>Existing database: the RDS instance identifier, for the connections alarm (no alarm without it).</summary>
    public string? ExistingInstanceIdentifier { get; init; }
}
