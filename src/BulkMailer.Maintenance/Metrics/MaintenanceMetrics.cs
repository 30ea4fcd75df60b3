using BulkMailer.Core.Jobs;
using BulkMailer.Lambda.Observability;
using BulkMailer.Maintenance.Ports;
using BulkMailer.Maintenance.Pruning;
using M = BulkMailer.Lambda.Observability.MaintenanceMetricNames;

namespace BulkMailer.Maintenance.Metrics;

/// <summary>
/// Writes a run's numbers as CloudWatch EMF lines (<see cref="MaintenanceMetricNames"/>): the stuck-job numbers and the
/// prune's under the FunctionName dimension (what the alarm watches), and one line per reported campaign under its
/// CampaignId, with every status (0 for a status without jobs, so a graph falls to zero instead of stopping).
/// </summary>
public sealed class MaintenanceMetrics(string functionName, TextWriter? output = null, TimeProvider? clock = null)
{
    private readonly EmfMetrics _function = new EmfMetrics(M.Namespace, output, clock).SetDimension(M.FunctionNameDimension, functionName);
    private readonly EmfMetrics _campaign = new(M.Namespace, output, clock);

    public void WriteSnapshot(MaintenanceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _function
            .Put(M.ExpiredSendingLeases, snapshot.ExpiredLeases)
            .Put(M.OldestExpiredLeaseAgeSeconds, snapshot.OldestExpiredLeaseAge?.TotalSeconds ?? 0, MetricUnit.Seconds)
            .Put(M.ActiveCampaigns, snapshot.Campaigns.Count)
            .Flush();
        foreach (var campaign in snapshot.Campaigns)
        {
            _campaign.SetDimension(M.CampaignIdDimension, campaign.CampaignId);
            foreach (var status in MailStatus.All)
            {
                _campaign.Put(M.Jobs(status), campaign.Jobs(status));
            }
            _campaign.Put(M.ExpiredSendingLeases, campaign.ExpiredLeases).Flush();
        }
    }

    public void WritePrune(PruneOutcome prune)
    {
        ArgumentNullException.ThrowIfNull(prune);
        _function
            .Put(M.EventsPruned, prune.Deleted)
            .Put(M.PruneBacklog, prune.Complete ? 0 : 1)
            .Flush();
    }
}
