using System.Globalization;
using BulkMailer.Lambda.Configuration;
using Npgsql;

namespace BulkMailer.Data.Connections;

/// <summary>
/// How a function logs in to the database: the connection string (host, port, database, user, TLS — never a
/// password in AWS) and, unless the password is in the string, the source asked for a password on every new
/// connection. Read once from the function's environment in the init phase.
/// </summary>
/// <param name="ConnectionString">Npgsql connection string.</param>
/// <param name="Passwords">Null when the password (if any) is part of <paramref name="ConnectionString"/>.</param>
public sealed record DatabaseLogin(string ConnectionString, IDatabasePasswordSource? Passwords = null)
{
    /// <summary>
    /// <c>BULKMAILER_DB</c>, with <c>BULKMAILER_DB_USER</c> as the role, <c>BULKMAILER_DB_SSL_ROOT_CERT</c> turning on
    /// certificate and host-name verification, and <c>BULKMAILER_DB_AUTH</c> (or <c>BULKMAILER_DB_SECRET_ARN</c>)
    /// choosing where the password comes from. Problems are collected in <paramref name="environment"/>.
    /// </summary>
    public static async Task<DatabaseLogin> FromEnvironmentAsync(
        FunctionEnvironment environment, HttpMessageHandler? secretsHandler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var builder = new NpgsqlConnectionStringBuilder(environment.Text(FunctionVariables.Database)
            ?? throw new InvalidOperationException($"{FunctionVariables.Database} is not set"));
        if (environment.Text(FunctionVariables.DatabaseUser) is { } user)
        {
            builder.Username = user;
        }
        if (environment.Text(FunctionVariables.DatabaseRootCertificate) is { } rootCertificate)
        {
            // Require encrypts but trusts any certificate; VerifyFull checks the chain against this bundle and the host name.
            builder.SslMode = SslMode.VerifyFull;
            builder.RootCertificate = rootCertificate;
        }
        var secretArn = environment.Text(FunctionVariables.DatabaseSecretArn);
        switch (AuthenticationOf(environment, secretArn))
        {
            case DatabaseAuthentication.Iam:
                var region = environment.Region ?? throw new InvalidOperationException($"{FunctionVariables.Region} is needed for RDS IAM authentication");
                var iam = new RdsIamAuthToken(builder.Host ?? "", builder.Port, builder.Username ?? "", region);
                builder.Password = null;
                return new DatabaseLogin(builder.ConnectionString, iam);
            case DatabaseAuthentication.Secret when secretArn is not null:
                var port = environment.Integer(FunctionVariables.SecretsExtensionHttpPort, BulkMailer.Lambda.Secrets.SecretsExtensionReader.DefaultPort, 1, 65535);
                var secrets = new SecretsExtensionPasswordSource(secretArn, port, environment.Text(FunctionVariables.SessionToken), secretsHandler);
                // Read now: a missing or unreadable secret fails init, and the secret's user applies unless one is configured.
                var secret = await secrets.GetSecretAsync(cancellationToken).ConfigureAwait(false);
                if (environment.Text(FunctionVariables.DatabaseUser) is null && secret.Username is { } secretUser)
                {
                    builder.Username = secretUser;
                }
                builder.Password = null;
                return new DatabaseLogin(builder.ConnectionString, secrets);
            case DatabaseAuthentication.Secret:
                environment.Problem($"{FunctionVariables.DatabaseAuth}=secret needs {FunctionVariables.DatabaseSecretArn}");
                return new DatabaseLogin(builder.ConnectionString);
            default:
                return new DatabaseLogin(builder.ConnectionString);
        }
    }

    private static DatabaseAuthentication AuthenticationOf(FunctionEnvironment environment, string? secretArn)
    {
        var text = environment.Text(FunctionVariables.DatabaseAuth);
        if (text is null)
        {
            return secretArn is null ? DatabaseAuthentication.Password : DatabaseAuthentication.Secret;
        }
        if (Enum.TryParse<DatabaseAuthentication>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return parsed;
        }
        environment.Problem($"{FunctionVariables.DatabaseAuth} must be password, secret or iam, not '{text}'");
        return DatabaseAuthentication.Password;
    }
}
