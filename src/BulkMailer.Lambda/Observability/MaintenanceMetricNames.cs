namespace BulkMailer.Lambda.Observability;

/// <summary>
/// The metrics the maintenance function emits (EMF) and the CDK app alarms on and graphs, named once so that the two
/// cannot drift apart (like <see cref="Configuration.FunctionVariables"/>); docs/operators.md lists them.
/// </summary>
public static class MaintenanceMetricNames
{
    /// <summary>The CloudWatch namespace of every BulkMailer metric.</summary>
    public const string Namespace = "BulkMailer";

    /// <summary>Dimension of the function-level metrics: the function's name.</summary>
    public const string FunctionNameDimension = "FunctionName";

    /// <summary>Dimension of the per-campaign metrics: the campaign id.</summary>
    public const string CampaignIdDimension = "CampaignId";

    /// <summary>Jobs still <c>sending</c> whose lease expired (per function run, and per campaign): the stuck-job alarm's metric.</summary>
    public const string ExpiredSendingLeases = "ExpiredSendingLeases";

    /// <summary>Seconds since the oldest expired <c>sending</c> lease ran out (0 when none).</summary>
    public const string OldestExpiredLeaseAgeSeconds = "OldestExpiredLeaseAgeSeconds";

    /// <summary>Campaigns reported by the run (at most the bound of the maintenance options).</summary>
    public const string ActiveCampaigns = "ActiveCampaigns";

    /// <summary>Stored SES events deleted by the run.</summary>
    public const string EventsPruned = "EventsPruned";

    /// <summary>1 when the run stopped for its deadline with old events left (the next run goes on), else 0.</summary>
    public const string PruneBacklog = "PruneBacklog";

    /// <summary>The per-campaign metric of the jobs in <paramref name="status"/>: <c>Jobs</c> + the status capitalised, e.g. <c>JobsSent</c>.</summary>
    public static string Jobs(string status)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        return "Jobs" + char.ToUpperInvariant(status[0]) + status[1..];
    }
}
