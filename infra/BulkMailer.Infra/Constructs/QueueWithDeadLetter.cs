using Amazon.CDK;
using Amazon.CDK.AWS.SQS;
using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// A queue that feeds a function and its dead-letter queue: both SQS-managed SSE and TLS-only, both keeping messages
/// 14 days (the SQS maximum), visibility timeout from
/// <see cref="FunctionDeploymentSettings.EffectiveVisibilityTimeoutSeconds"/>, redrive after <see cref="FunctionDeploymentSettings.MaxReceiveCount"/> receives.
/// </summary>
public sealed class QueueWithDeadLetter : Construct
{
    /// <summary>Creates the pair.</summary>
    public QueueWithDeadLetter(Construct scope, string id, FunctionDeploymentSettings settings)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Fourteen days, the SQS maximum: a dead letter is evidence, operators need time to look at it.
        DeadLetterQueue = new Queue(this, "DeadLetterQueue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(QueueRetention.Period.TotalDays),
        });

        Queue = new Queue(this, "Queue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            VisibilityTimeout = Duration.Seconds(settings.EffectiveVisibilityTimeoutSeconds),
            // Fourteen days, not the SQS default of four: a backlog or a paused mapping must outlive a long weekend.
            RetentionPeriod = Duration.Days(QueueRetention.Period.TotalDays),
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = settings.MaxReceiveCount },
        });
    }

    /// <summary>The queue the function reads.</summary>
    public Queue Queue { get; }

    /// <summary>Where messages go after too many receives.</summary>
    public Queue DeadLetterQueue { get; }
}
