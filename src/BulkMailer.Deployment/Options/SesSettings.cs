namespace BulkMailer.Deployment.Options;

/// <summary>SES: the configuration set whose events feed the feedback function, the sending identity, and the rate.</summary>
public sealed record SesSettings
{
    /// <summary>Configuration set name, passed to the sender as <c>BULKMAILER_CONFIGURATION_SET</c>. Default <c>bulkmailer-events</c>.</summary>
    public string ConfigurationSetName { get; init; } = "bulkmailer-events";

    /// <summary>
    /// Configuration sets a job may name besides <see cref="ConfigurationSetName"/> (they must exist in the account):
    /// passed to the sender as <c>BULKMAILER_ALLOWED_CONFIGURATION_SETS</c> and granted to its role. Default none.
    /// </summary>
    public IReadOnlyList<string> AllowedConfigurationSets { get; init; } = [];

    /// <summary>
    /// The sending identity (a domain such as <c>acme.example</c> or an address). The sender's IAM policy is scoped
    /// to it; null scopes it to every identity of the account (a warning is printed at synth).
    /// </summary>
    public string? Identity { get; init; }

    /// <summary>Create <see cref="Identity"/> as an SES email identity in this stack. Default false (it usually exists, verified).</summary>
    public bool CreateIdentity { get; init; }

    /// <summary>Template names the sender may use (an IAM resource pattern). Default <c>*</c>.</summary>
    public string TemplateNamePattern { get; init; } = "*";

    /// <summary>The account's SES maximum send rate in mails/s, shared by all sender environments. Default 14 (a new production account).</summary>
    public double MaxSendRate { get; init; } = 14;

    /// <summary>
    /// Milliseconds SES takes to answer one SendEmail or SendBulkEmail call: the send-rate plan's latency
    /// (src/BulkMailer.Deployment/Budget/SenderThroughput.cs). Default 50, a typical in-region answer; set the measured one.
    /// </summary>
    public double CallLatencyMs { get; init; } = 50;
}
