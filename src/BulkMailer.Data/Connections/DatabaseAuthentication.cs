namespace BulkMailer.Data.Connections;

/// <summary>Where a function's database password comes from (<c>BULKMAILER_DB_AUTH</c>).</summary>
public enum DatabaseAuthentication
{
    /// <summary>The password is part of the connection string (local stacks, tests).</summary>
    Password,

    /// <summary>A Secrets Manager secret read through the Parameters and Secrets extension, re-read when refused.</summary>
    Secret,

    /// <summary>An RDS IAM authentication token signed with the function's own credentials for each new connection.</summary>
    Iam,
}
