using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.Maintenance.Metrics;
using BulkMailer.Maintenance.Ports;
using BulkMailer.Maintenance.Pruning;

namespace BulkMailer.Maintenance;

/// <summary>
/// One scheduled run (docs/operators.md, Retention and the stuck-job alarm): first the counts — expired
/// <c>sending</c> leases and the recently active campaigns by status — read in one statement and written as metrics,
/// so the stuck-job alarm's signal never waits on a long prune; then the stored SES events older than the retention,
/// deleted in bounded statements until they are gone or the invocation's time is nearly up; then one summary line.
/// </summary>
public sealed class MaintenanceHandler(IMaintenanceStore store, MaintenanceOptions options, MaintenanceMetrics metrics, TimeProvider clock, JsonLogger? log = null)
{
    public async Task<MaintenanceReport> HandleAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var snapshot = await store.ReadSnapshotAsync(options.ActiveCampaignWindow, options.MaxCampaigns, cancellationToken).ConfigureAwait(false);
        metrics.WriteSnapshot(snapshot);

        var before = (clock.GetUtcNow() - TimeSpan.FromDays(options.EventRetentionDays)).UtcDateTime;
        var prune = await DeadlineBoundPrune.RunAsync(store, before, options.PruneBatchSize, () => request.RemainingTime, options.StopMargin, cancellationToken)
            .ConfigureAwait(false);
        metrics.WritePrune(prune);

        var report = new MaintenanceReport
        {
            EventsDeleted = prune.Deleted,
            DeleteStatements = prune.Statements,
            PruneComplete = prune.Complete,
            ExpiredSendingLeases = snapshot.ExpiredLeases,
            OldestExpiredLeaseAgeSeconds = snapshot.OldestExpiredLeaseAge?.TotalSeconds,
            Campaigns = snapshot.Campaigns.Count,
        };
        // Counts only: no address, no job id.
        log?.Info("maintenance run",
            LogField.Of("eventsDeleted", report.EventsDeleted),
            LogField.Of("deleteStatements", report.DeleteStatements),
            LogField.Of("pruneComplete", report.PruneComplete),
            LogField.Of("retentionDays", options.EventRetentionDays),
            LogField.Of("expiredSendingLeases", report.ExpiredSendingLeases),
            LogField.Of("oldestExpiredLeaseAgeSeconds", report.OldestExpiredLeaseAgeSeconds ?? 0),
            LogField.Of("campaigns", report.Campaigns));
        return report;
    }
}
