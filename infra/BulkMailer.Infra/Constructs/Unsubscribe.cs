using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SecretsManager;
using BulkMailer.Deployment.Options;
using BulkMailer.Lambda.Configuration;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// One-click unsubscribe (docs/operators.md, Unsubscribe): the generated signing key in Secrets Manager, and the
/// unsubscribe function behind a function URL with no IAM auth — mailbox providers POST to it anonymously (RFC 8058),
/// so the signed token is what protects it (docs/security.md, Unsubscribe). Nothing else reaches the function (no
/// event source, no other permission), and its role may only read the key and log in to the database as the
/// insert-only <c>bulkmailer_unsubscribe</c>. <see cref="LinkSender"/> gives the sender the URL and the key.
/// </summary>
public sealed class Unsubscribe : Construct
{
    public Unsubscribe(Construct scope, string id, DeploymentOptions options, DatabaseAccess database)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        Settings = options.Unsubscribe;

        SigningKey = new Secret(this, "SigningKey", new SecretProps
        {
            Description = "BulkMailer unsubscribe links: HMAC-SHA256 key(s), white-space separated, the first signs (docs/operators.md, Unsubscribe).",
            // No punctuation or spaces: the value is one key, and keys are separated by white space when rotating.
            GenerateSecretString = new SecretStringGenerator { PasswordLength = 64, ExcludePunctuation = true, IncludeSpace = false },
        });

        var shape = new FunctionShape(Settings.MemoryMb, Settings.TimeoutSeconds, Settings.ReservedConcurrency, Settings.CodePath,
            DeploymentContextKeys.Unsubscribe + DeploymentContextKeys.FunctionCodePath);
        Function = new BulkMailerFunction(this, "Unsubscribe", shape, options.Architecture, database, FunctionDatabaseRole.Unsubscribe,
            new Dictionary<string, string> { [FunctionVariables.UnsubscribeKeySecretArn] = SigningKey.SecretArn },
            readsOtherSecrets: true);
        SigningKey.GrantRead(Function.Function);

        Url = Function.Function.AddFunctionUrl(new FunctionUrlOptions { AuthType = FunctionUrlAuthType.NONE });
        // Function URLs created since October 2025 also need lambda:InvokeFunction; InvokedViaFunctionUrl limits that
        // grant to requests through the URL, so anonymous callers still cannot use the Invoke API. This CDK version has
        // no property for it yet, hence the override.
        var invokeThroughUrl = new CfnPermission(this, "InvokeThroughUrl", new CfnPermissionProps
        {
            Action = "lambda:InvokeFunction",
            FunctionName = Function.Function.FunctionArn,
            Principal = "*",
        });
        invokeThroughUrl.AddPropertyOverride("InvokedViaFunctionUrl", true);
    }

    /// <summary>The settings it was built from.</summary>
    public UnsubscribeSettings Settings { get; }

    /// <summary>The signing key(s).</summary>
    public Secret SigningKey { get; }

    /// <summary>The unsubscribe function.</summary>
    public BulkMailerFunction Function { get; }

    /// <summary>Its public URL: the base of every link.</summary>
    public FunctionUrl Url { get; }

    /// <summary>
    /// The sender's share: the variables that make it add the headers (URL, key ARN, link validity) and read access
    /// to the key. The sender must be built with the secrets extension (<c>readsOtherSecrets</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> SenderEnvironment => new Dictionary<string, string>
    {
        [FunctionVariables.UnsubscribeBaseUrl] = Url.Url,
        [FunctionVariables.UnsubscribeKeySecretArn] = SigningKey.SecretArn,
        [FunctionVariables.UnsubscribeValidityDays] = Settings.LinkValidityDays.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Lets <paramref name="sender"/> read the signing key it signs links with.</summary>
    public void LinkSender(BulkMailerFunction sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        SigningKey.GrantRead(sender.Function);
    }
}
