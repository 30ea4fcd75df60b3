namespace BulkMailer.LocalLambda.Runs;

/// <summary>The queues and topic of a local run (names and URLs/ARNs on fauxqs).</summary>
public sealed record LocalQueues(
    string MailJobsUrl,
    string MailJobsArn,
    string MailJobsDlqUrl,
    string FeedbackUrl,
    string FeedbackArn,
    string FeedbackDlqUrl,
    string TopicArn);
