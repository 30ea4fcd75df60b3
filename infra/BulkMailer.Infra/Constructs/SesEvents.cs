using Amazon.CDK;
using Amazon.CDK.AWS.SES;
using Amazon.CDK.AWS.SNS;
using BulkMailer.Deployment.Options;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// SES side: the configuration set whose event destination publishes every event type to an SNS topic, and optionally
/// the sending identity. Also the ARNs the sender's IAM policy is limited to.
/// </summary>
public sealed class SesEvents : Construct
{
    /// <summary>Every SES event type: the feedback function records all of them.</summary>
    public static IReadOnlyList<EmailSendingEvent> AllEvents { get; } =
    [
        EmailSendingEvent.SEND,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.OPEN,
        EmailSendingEvent.CLICK,
        EmailSendingEvent.RENDERING_FAILURE,
        EmailSendingEvent.DELIVERY_DELAY,
        EmailSendingEvent.SUBSCRIPTION,
    ];

    /// <summary>Creates the configuration set, topic, destination and (optionally) identity.</summary>
    public SesEvents(Construct scope, string id, SesSettings settings)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // No KMS key on the topic: SES cannot publish to a topic encrypted with the AWS-managed SNS key.
        Topic = new Topic(this, "EventsTopic", new TopicProps { DisplayName = "BulkMailer SES events" });
        ConfigurationSet = new ConfigurationSet(this, "ConfigurationSet", new ConfigurationSetProps
        {
            ConfigurationSetName = settings.ConfigurationSetName,
        });
        ConfigurationSet.AddEventDestination("ToSns", new ConfigurationSetEventDestinationOptions
        {
            ConfigurationSetEventDestinationName = "bulkmailer-events-to-sns",
            Destination = EventDestination.SnsTopic(Topic),
            Events = [.. AllEvents],
        });

        if (settings.CreateIdentity && settings.Identity is string identity)
        {
            new EmailIdentity(this, "Identity", new EmailIdentityProps
            {
                Identity = identity.Contains('@', StringComparison.Ordinal) ? Identity.Email(identity) : Identity.Domain(identity),
                ConfigurationSet = ConfigurationSet,
            });
        }

        if (settings.Identity is null)
        {
            Annotations.Of(this).AddWarning($"{DeploymentContextKeys.Identity} is not set: the sender may send from every SES identity of the account.");
        }

        Stack stack = Stack.Of(this);
        IdentityArn = stack.FormatArn(new ArnComponents { Service = "ses", Resource = "identity", ResourceName = settings.Identity ?? "*" });
        ConfigurationSetArn = stack.FormatArn(new ArnComponents { Service = "ses", Resource = "configuration-set", ResourceName = settings.ConfigurationSetName });
        TemplateArn = stack.FormatArn(new ArnComponents { Service = "ses", Resource = "template", ResourceName = settings.TemplateNamePattern });
    }

    /// <summary>The topic SES publishes events to.</summary>
    public Topic Topic { get; }

    /// <summary>The configuration set the sender uses by default.</summary>
    public ConfigurationSet ConfigurationSet { get; }

    /// <summary>ARN (or pattern) of the sending identity.</summary>
    public string IdentityArn { get; }

    /// <summary>ARN of the configuration set.</summary>
    public string ConfigurationSetArn { get; }

    /// <summary>ARN pattern of the templates the sender may use.</summary>
    public string TemplateArn { get; }
}
