using System.Globalization;

namespace BulkMailer.Deployment.Budget;

/// <summary>
/// How long the queues keep a message (SQS's maximum, set on every queue by the CDK app), and whether a campaign
/// sent at a planned rate drains inside it: a job still queued when its message expires is lost without a trace.
/// </summary>
public static class QueueRetention
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(14);

    /// <summary>How long <paramref name="jobs"/> take at <paramref name="mailsPerSecond"/>.</summary>
    public static TimeSpan CampaignDuration(long jobs, double mailsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jobs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mailsPerSecond);
        return TimeSpan.FromSeconds(jobs / mailsPerSecond);
    }

    /// <summary>A warning when the campaign would outlive the retention; null when it drains inside it.</summary>
    public static string? Warning(long jobs, double mailsPerSecond)
    {
        var duration = CampaignDuration(jobs, mailsPerSecond);
        return duration < Period
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"a campaign of {jobs} jobs at {mailsPerSecond:0.###} mails/s takes {duration.TotalDays:0.#} days, longer than the queues' {Period.TotalDays:0}-day retention: jobs still queued after that expire unsent; raise the rate or split the campaign");
    }
}
