namespace BulkMailer.Deployment.Options;

/// <summary>Whether the stack creates its PostgreSQL instance or uses one that exists.</summary>
public enum DatabaseMode
{
    /// <summary>The stack creates an RDS for PostgreSQL instance, its parameter group, secret and VPC. The default.</summary>
    New,

    /// <summary>The stack connects to an existing database (endpoint, secret, security group, VPC given in context).</summary>
    Existing,
}
