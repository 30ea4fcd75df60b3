namespace BulkMailer.LocalLambda.Deployments;

/// <summary>The queues and topic of a local deployment (names and URLs/ARNs on fauxqs).</summary>
public sealed record LocalQueues(
    string MailJobsUrl,
    string MailJobsArn,
    string MailJobsDlqUrl,
    string FeedbackUrl,
    string FeedbackArn,
    string FeedbackDlqUrl,
    string TopicArn);
