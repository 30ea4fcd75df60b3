using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using BulkMailer.Deployment.Options;
using BulkMailer.LocalLambda.Sns;

namespace BulkMailer.LocalLambda.Deployments;

/// <summary>
/// Creates on fauxqs what the CDK app creates in AWS, from the same settings (BulkMailer.Deployment.Options): the
/// mail-jobs queue and its DLQ, the feedback queue and its DLQ (redrive after maxReceiveCount, visibility timeout
/// from the function timeout), and the SES events topic subscribed to the feedback queue.
/// </summary>
public static class LocalInfrastructure
{
    public static async Task<LocalQueues> CreateAsync(IAmazonSQS sqs, SnsQueryClient sns, DeploymentOptions deployment, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        ArgumentNullException.ThrowIfNull(sns);
        ArgumentNullException.ThrowIfNull(deployment);
        var (mailUrl, mailArn, mailDlqUrl) = await CreateWithDlqAsync(sqs, $"{prefix}-mail-jobs", deployment.Sender, cancellationToken).ConfigureAwait(false);
        var (feedbackUrl, feedbackArn, feedbackDlqUrl) = await CreateWithDlqAsync(sqs, $"{prefix}-ses-feedback", deployment.Feedback, cancellationToken).ConfigureAwait(false);
        var topicArn = await sns.CreateTopicAsync($"{prefix}-ses-events", cancellationToken).ConfigureAwait(false);
        await sns.SubscribeQueueAsync(topicArn, feedbackArn, deployment.RawMessageDelivery, cancellationToken).ConfigureAwait(false);
        return new LocalQueues(mailUrl, mailArn, mailDlqUrl, feedbackUrl, feedbackArn, feedbackDlqUrl, topicArn);
    }

    /// <summary>Visible plus in-flight messages: zero means nothing is left to process.</summary>
    public static async Task<long> DepthAsync(IAmazonSQS sqs, string queueUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
        }, cancellationToken).ConfigureAwait(false);
        return (attributes.Attributes ?? []).Values.Sum(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0);
    }

    private static async Task<(string Url, string Arn, string DlqUrl)> CreateWithDlqAsync(IAmazonSQS sqs, string name, FunctionDeploymentSettings settings, CancellationToken cancellationToken)
    {
        var dlqUrl = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"{name}-dlq" }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        var dlqArn = await ArnAsync(sqs, dlqUrl, cancellationToken).ConfigureAwait(false);
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = settings.EffectiveVisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{settings.MaxReceiveCount.ToString(CultureInfo.InvariantCulture)}}"}""",
            },
        }, cancellationToken).ConfigureAwait(false)).QueueUrl;
        return (url, await ArnAsync(sqs, url, cancellationToken).ConfigureAwait(false), dlqUrl);
    }

    private static async Task<string> ArnAsync(IAmazonSQS sqs, string url, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] }, cancellationToken).ConfigureAwait(false);
        return attributes.Attributes["QueueArn"];
    }
}
