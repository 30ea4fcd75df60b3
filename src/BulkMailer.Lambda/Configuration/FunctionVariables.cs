namespace BulkMailer.Lambda.Configuration;

/// <summary>
/// Every environment variable a BulkMailer function reads, named once (docs/contract.md §3 lists the public ones).
/// The functions read them through <see cref="FunctionEnvironment"/>; the CDK app and the local runner set them with
/// these same constants, so the two sides cannot drift apart.
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
public static class FunctionVariables
{
    // Set by Lambda (and by the local runner).

    /// <summary><c>host:port</c> of the Runtime API.</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The function's name: the connections' application_name and the metric dimension.</summary>
    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>The X-Ray trace header of the invocation in progress, exported for the SDKs.</summary>
    public const string TraceId = "_X_AMZN_TRACE_ID";

    public const string Region = "AWS_REGION";

    /// <summary>Read when <see cref="Region"/> is unset (the AWS CLI and SDK convention).</summary>
    public const string DefaultRegion = "AWS_DEFAULT_REGION";

    public const string SessionToken = "AWS_SESSION_TOKEN";

    /// <summary>The standard endpoint override for every AWS service; <see cref="SesEndpoint"/> wins for SES.</summary>
    public const string Endpoint = "AWS_ENDPOINT_URL";

    /// <summary>The standard endpoint override for SES (the local stack points it at aws-ses-v2-local).</summary>
    public const string SesEndpoint = "AWS_ENDPOINT_URL_SES";

    /// <summary>The standard endpoint override for SQS (the local stack points it at fauxqs); else <see cref="Endpoint"/>.</summary>
    public const string SqsEndpoint = "AWS_ENDPOINT_URL_SQS";

    // Database: every function.

    /// <summary>Npgsql connection string (without the password in AWS).</summary>
    public const string Database = "BULKMAILER_DB";

    /// <summary>ARN of the Secrets Manager secret with the database credentials (AWS only).</summary>
    public const string DatabaseSecretArn = "BULKMAILER_DB_SECRET_ARN";

    /// <summary>
    /// The database role the function logs in as; replaces the user in <see cref="Database"/> (the stack sets the
    /// least-privilege application role, never the master user).
    /// </summary>
    public const string DatabaseUser = "BULKMAILER_DB_USER";

    /// <summary>How the password is obtained: <c>password</c> (in <see cref="Database"/>; local), <c>secret</c>
    /// (Secrets Manager through the extension; implied by <see cref="DatabaseSecretArn"/>) or <c>iam</c> (an RDS IAM
    /// authentication token generated for each new connection).</summary>
    public const string DatabaseAuth = "BULKMAILER_DB_AUTH";

    /// <summary>PEM bundle of the CAs the server's certificate must chain to; when set the connection verifies the
    /// server's certificate and host name (SSL Mode=VerifyFull). The packaged functions carry the RDS bundle.</summary>
    public const string DatabaseRootCertificate = "BULKMAILER_DB_SSL_ROOT_CERT";

    /// <summary>Port of the Parameters and Secrets extension's local endpoint (the extension's own setting; 2773 when unset).</summary>
    public const string SecretsExtensionHttpPort = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";

    /// <summary>Minimum log level: debug, info (default), warn, error.</summary>
    public const string LogLevel = "BULKMAILER_LOG_LEVEL";

    // Sender.

    /// <summary>Default SES configuration set.</summary>
    public const string ConfigurationSet = "BULKMAILER_CONFIGURATION_SET";

    /// <summary>
    /// Comma-separated SES configuration sets a job may name besides <see cref="ConfigurationSet"/>; a job naming any
    /// other is rejected at validation (the stack grants the sender's role exactly these sets).
    /// </summary>
    public const string AllowedConfigurationSets = "BULKMAILER_ALLOWED_CONFIGURATION_SETS";

    /// <summary>
    /// Mails per second for the whole SES account and region, shared by every sender environment through the
    /// database's send governor; unset: SES's GetAccount (SendQuota.MaxSendRate) is asked.
    /// </summary>
    public const string AccountSendRate = "BULKMAILER_ACCOUNT_SEND_RATE";

    /// <summary>Mails per second allowed to one sender environment (an extra cap).</summary>
    public const string MaxSendRate = "BULKMAILER_MAX_SEND_RATE";

    public const string SendParallelism = "BULKMAILER_SEND_PARALLELISM";

    public const string DeadlineMarginMs = "BULKMAILER_DEADLINE_MARGIN_MS";

    public const string LeaseExtraSeconds = "BULKMAILER_LEASE_EXTRA_SECONDS";

    /// <summary>The first wait of a job handed back for an account-level stop, seconds (the queue's visibility timeout).</summary>
    public const string HandBackFirstDelaySeconds = "BULKMAILER_HANDBACK_FIRST_DELAY_SECONDS";

    /// <summary>The longest wait of a job handed back for an account-level stop, seconds.</summary>
    public const string HandBackLongestDelaySeconds = "BULKMAILER_HANDBACK_LONGEST_DELAY_SECONDS";

    public const string UseBulk = "BULKMAILER_USE_BULK";

    // Feedback.

    public const string TransientBounceThreshold = "BULKMAILER_TRANSIENT_BOUNCE_THRESHOLD";

    public const string TransientBounceWindowHours = "BULKMAILER_TRANSIENT_BOUNCE_WINDOW_HOURS";

    // Unsubscribe: the sender (links) and the unsubscribe function (verification); docs/contract.md, Unsubscribe.

    /// <summary>The unsubscribe function's URL; when set, the sender adds List-Unsubscribe and List-Unsubscribe-Post to every mail.</summary>
    public const string UnsubscribeBaseUrl = "BULKMAILER_UNSUBSCRIBE_BASE_URL";

    /// <summary>ARN of the Secrets Manager secret holding the unsubscribe signing key(s) (AWS).</summary>
    public const string UnsubscribeKeySecretArn = "BULKMAILER_UNSUBSCRIBE_KEY_SECRET_ARN";

    /// <summary>The unsubscribe signing key(s) themselves, white-space separated, signing key first (local runs and tests only).</summary>
    public const string UnsubscribeKey = "BULKMAILER_UNSUBSCRIBE_KEY";

    /// <summary>Days an unsubscribe link works after the mail was sent (default 60).</summary>
    public const string UnsubscribeValidityDays = "BULKMAILER_UNSUBSCRIBE_VALIDITY_DAYS";

    // Maintenance: retention and the stuck-job metrics (docs/operators.md, Retention and the stuck-job alarm).

    /// <summary>Days a stored SES event (<c>mail_event</c>) is kept before the maintenance function deletes it (default 90).</summary>
    public const string EventRetentionDays = "BULKMAILER_EVENT_RETENTION_DAYS";

    /// <summary>Events deleted per statement by the maintenance function (default 10000): one short transaction each.</summary>
    public const string PruneBatchSize = "BULKMAILER_PRUNE_BATCH_SIZE";
}
