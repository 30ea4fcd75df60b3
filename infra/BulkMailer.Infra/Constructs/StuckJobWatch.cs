using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using BulkMailer.Core.Jobs;
using M = BulkMailer.Lambda.Observability.MaintenanceMetricNames;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// The maintenance function's metrics as CloudWatch sees them (names shared with the function through
/// <see cref="M"/>): the stuck-job alarm's metric, and the dashboard's graphs of the prune and of the recently active
/// campaigns (found by a search expression, since campaign ids are not known at synth time).
/// </summary>
public sealed class StuckJobWatch
{
    private readonly Duration _period;
    private readonly Dictionary<string, string> _function;

    /// <param name="functionName">The maintenance function's name (its metrics' FunctionName dimension).</param>
    /// <param name="scheduleMinutes">Minutes between runs: one data point per run, so one run per period.</param>
    public StuckJobWatch(string functionName, int scheduleMinutes)
    {
        _period = Duration.Minutes(scheduleMinutes);
        _function = new Dictionary<string, string> { [M.FunctionNameDimension] = functionName };
        // No label: an alarm on a labelled metric is written as a metric-math alarm, which reads less plainly.
        ExpiredLeases = FunctionMetric(M.ExpiredSendingLeases, label: null);
    }

    /// <summary>Expired <c>sending</c> leases seen by each run (maximum per period).</summary>
    public Metric ExpiredLeases { get; }

    /// <summary>The dashboard's widgets: stuck jobs, the prune, and jobs by status per campaign.</summary>
    public IEnumerable<IWidget> Widgets()
    {
        yield return new GraphWidget(new GraphWidgetProps
        {
            Title = "Stuck jobs: expired sending leases",
            Left = [ExpiredLeases.With(new MetricOptions { Label = "expired sending leases" })],
            Right = [FunctionMetric(M.OldestExpiredLeaseAgeSeconds, "oldest expired lease (s)")],
            Width = 12,
        });
        yield return new GraphWidget(new GraphWidgetProps
        {
            Title = "Event retention: events pruned per run",
            Left = [FunctionMetric(M.EventsPruned, "events pruned")],
            Right = [FunctionMetric(M.PruneBacklog, "backlog left (1 = yes)")],
            Width = 12,
        });
        foreach (var (title, statuses) in new[]
        {
            ("Campaign jobs sending (in flight or stuck)", new[] { MailStatus.Sending }),
            ("Campaign jobs sent or delivered", new[] { MailStatus.Sent, MailStatus.Delivered }),
            ("Campaign jobs bounced or complained", new[] { MailStatus.Bounced, MailStatus.Complained }),
        })
        {
            yield return new GraphWidget(new GraphWidgetProps
            {
                Title = title,
                Left = [.. statuses.Select(CampaignSearch)],
                Width = 8,
            });
        }
    }

    private Metric FunctionMetric(string name, string? label) => new(new MetricProps
    {
        Namespace = M.Namespace,
        MetricName = name,
        DimensionsMap = _function,
        Statistic = Stats.MAXIMUM,
        Period = _period,
        Label = label,
    });

    private MathExpression CampaignSearch(string status) => new(new MathExpressionProps
    {
        Expression = string.Create(CultureInfo.InvariantCulture,
            $"SEARCH('{{{M.Namespace},{M.CampaignIdDimension}}} MetricName=\"{M.Jobs(status)}\"', 'Maximum', {(int)_period.ToSeconds()})"),
        Label = status,
        Period = _period,
        UsingMetrics = new Dictionary<string, IMetric>(),
    });
}
