namespace BulkMailer.Core.Deployment;

/// <summary>
/// The environment the CDK stack gives the functions (CONTRACT §3), named once so the infra and the function code
/// cannot drift apart.
/// </summary>
/// <remarks>
/// In AWS the password never appears in the environment: <see cref="Database"/> is a complete Npgsql connection
/// string except for the password, and <see cref="DatabaseSecretArn"/> names the Secrets Manager secret
/// (JSON with at least <c>password</c>; <c>username</c> too, which then replaces the one in the string). The function
/// fetches it in its init phase from the AWS Parameters and Secrets Lambda Extension, which the stack attaches as a layer:
/// <c>GET http://localhost:{PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}/secretsmanager/get?secretId={arn}</c> with header
/// <c>X-Aws-Parameters-Secrets-Token: {AWS_SESSION_TOKEN}</c>; the answer is the GetSecretValue JSON whose
/// <c>SecretString</c> holds the credentials. Locally (no secret ARN) <see cref="Database"/> is used as it is.
/// </remarks>
public static class FunctionEnvironmentVariables
{
    /// <summary>Npgsql connection string (without the password in AWS). Both functions.</summary>
    public const string Database = "BULKMAILER_DB";

    /// <summary>ARN of the Secrets Manager secret with the database credentials. Both functions, AWS only.</summary>
    public const string DatabaseSecretArn = "BULKMAILER_DB_SECRET_ARN";

    /// <summary>Port of the Parameters and Secrets extension's local endpoint (set by the extension layer configuration; 2773).</summary>
    public const string SecretsExtensionHttpPort = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";

    /// <summary>Default SES configuration set. Sender.</summary>
    public const string ConfigurationSet = "BULKMAILER_CONFIGURATION_SET";

    /// <summary>Mails per second allowed to one sender environment. Sender.</summary>
    public const string MaxSendRate = "BULKMAILER_MAX_SEND_RATE";
}
