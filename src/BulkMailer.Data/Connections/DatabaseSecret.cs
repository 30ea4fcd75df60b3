namespace BulkMailer.Data.Connections;

/// <summary>The credentials held in a Secrets Manager database secret (RDS's format: JSON with <c>username</c>, <c>password</c>).</summary>
public sealed record DatabaseSecret(string? Username, string Password);
