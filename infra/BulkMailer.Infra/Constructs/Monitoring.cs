using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using BulkMailer.Deployment.Budget;
using BulkMailer.Deployment.Options;
using BulkMailer.Lambda.Observability;
using Constructs;

namespace BulkMailer.Infra.Constructs;

/// <summary>
/// Alarms (database connections over a share of max_connections, DLQ depth, function errors and throttles, SES
/// bounce and complaint rates, age of the oldest mail job, stuck jobs and maintenance errors) notifying one SNS topic,
/// and a dashboard with those plus sends per minute, the sender's p50 and p95 wait for a send permit, the event
/// retention and the recently active campaigns.
/// </summary>
public sealed class Monitoring : Construct
{
    private readonly SnsAction _notify;

    /// <summary>Creates the alarms and the dashboard.</summary>
    public Monitoring(
        Construct scope,
        string id,
        AlarmSettings settings,
        BudgetReport budget,
        IMetric? databaseConnections,
        QueueWithDeadLetter mailJobs,
        QueueWithDeadLetter feedback,
        BulkMailerFunction sender,
        BulkMailerFunction feedbackFunction,
        ScheduledMaintenance maintenance)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(mailJobs);
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(feedbackFunction);
        ArgumentNullException.ThrowIfNull(maintenance);

        AlarmTopic = new Topic(this, "AlarmTopic", new TopicProps { DisplayName = "BulkMailer alarms" });
        _notify = new SnsAction(AlarmTopic);
        var period = Duration.Minutes(1);

        int connectionsThreshold = budget.MaxConnections * settings.DatabaseConnectionsPercent / 100;
        if (databaseConnections is not null)
        {
            Add("DatabaseConnectionsHigh", databaseConnections, connectionsThreshold, 3,
                $"Database connections above {settings.DatabaseConnectionsPercent} % of max_connections {budget.MaxConnections}: the budget is {budget.Required} of {budget.Available} available.");
        }

        Add("MailJobsDlqNotEmpty", mailJobs.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = period, Statistic = Stats.MAXIMUM }), 0, 1,
            "Mail jobs reached the dead-letter queue.");
        Add("FeedbackDlqNotEmpty", feedback.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = period, Statistic = Stats.MAXIMUM }), 0, 1,
            "SES events reached the feedback dead-letter queue.");
        Add("SenderErrors", sender.Function.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM }), 0, 1, "The sender function failed invocations.");
        Add("SenderThrottles", sender.Function.MetricThrottles(new MetricOptions { Period = period, Statistic = Stats.SUM }), 0, 1, "The sender function was throttled: max concurrency above reserved concurrency?");
        Add("FeedbackErrors", feedbackFunction.Function.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM }), 0, 1, "The feedback function failed invocations.");
        Add("FeedbackThrottles", feedbackFunction.Function.MetricThrottles(new MetricOptions { Period = period, Statistic = Stats.SUM }), 0, 1, "The feedback function was throttled.");

        var bounceRate = SesMetric("Reputation.BounceRate", Stats.MAXIMUM, Duration.Minutes(15));
        var complaintRate = SesMetric("Reputation.ComplaintRate", Stats.MAXIMUM, Duration.Minutes(15));
        Add("SesBounceRateHigh", bounceRate, settings.BounceRate, 1, "SES bounce rate above the reputation threshold: AWS reviews accounts above 5 %.");
        Add("SesComplaintRateHigh", complaintRate, settings.ComplaintRate, 1, "SES complaint rate above the reputation threshold: AWS reviews accounts above 0.1 %.");

        var oldest = mailJobs.Queue.MetricApproximateAgeOfOldestMessage(new MetricOptions { Period = period, Statistic = Stats.MAXIMUM });
        Add("MailJobsOldestMessageAge", oldest, settings.OldestMessageAgeSeconds, 5, "Mail jobs wait too long: sending is slower than enqueueing, or stopped.");

        // Stuck jobs (docs/operators.md, Retention and the stuck-job alarm): an expired lease seen by several runs in a row.
        var stuck = new StuckJobWatch(maintenance.Function.Function.FunctionName, maintenance.Settings.ScheduleMinutes);
        // A rate schedule drifts against the alarm's periods, so now and then a period holds no run: ignoring it keeps
        // "consecutive runs" counting runs, not periods (a missing run is MaintenanceErrors' business).
        Add("StuckJobs", stuck.ExpiredLeases, 0, settings.StuckJobRuns,
            $"Mail jobs stay 'sending' with an expired lease for {settings.StuckJobRuns} maintenance runs: their sender died and no redelivery claimed them (see docs/operators.md, Retention and the stuck-job alarm).",
            TreatMissingData.IGNORE);
        Add("MaintenanceErrors", maintenance.Function.Function.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM }), 0, 1,
            "The maintenance function failed: no stuck-job metrics and no event retention until it runs again.");

        var sends = SesMetric("Send", Stats.SUM, period);
        var widgets = new List<IWidget>
        {
            new GraphWidget(new GraphWidgetProps
            {
                Title = "SES sends per minute",
                Left = [sends],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "SES reputation",
                Left = [bounceRate, complaintRate],
                LeftAnnotations =
                [
                    new HorizontalAnnotation { Value = settings.BounceRate, Label = "bounce threshold" },
                    new HorizontalAnnotation { Value = settings.ComplaintRate, Label = "complaint threshold" },
                ],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Dead-letter queues",
                Left =
                [
                    mailJobs.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = period, Statistic = Stats.MAXIMUM, Label = "mail jobs DLQ" }),
                    feedback.DeadLetterQueue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = period, Statistic = Stats.MAXIMUM, Label = "feedback DLQ" }),
                ],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Age of oldest mail job (s)",
                Left = [oldest],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Function errors and throttles",
                Left =
                [
                    sender.Function.MetricErrors(new MetricOptions { Period = period, Label = "sender errors" }),
                    sender.Function.MetricThrottles(new MetricOptions { Period = period, Label = "sender throttles" }),
                    feedbackFunction.Function.MetricErrors(new MetricOptions { Period = period, Label = "feedback errors" }),
                    feedbackFunction.Function.MetricThrottles(new MetricOptions { Period = period, Label = "feedback throttles" }),
                ],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Concurrent executions",
                Left =
                [
                    sender.Function.Metric("ConcurrentExecutions", new MetricOptions { Period = period, Statistic = Stats.MAXIMUM, Label = "sender" }),
                    feedbackFunction.Function.Metric("ConcurrentExecutions", new MetricOptions { Period = period, Statistic = Stats.MAXIMUM, Label = "feedback" }),
                ],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Sender: wait for a send permit (ms, per sent job)",
                Left = [PermitWait(sender, "p50", period), PermitWait(sender, "p95", period)],
                Width = 12,
            }),
        };

        widgets.AddRange(stuck.Widgets());

        if (databaseConnections is not null)
        {
            widgets.Insert(0, new GraphWidget(new GraphWidgetProps
            {
                Title = "Database connections against the budget",
                Left = [databaseConnections],
                LeftAnnotations =
                [
                    new HorizontalAnnotation { Value = budget.MaxConnections, Label = "max_connections" },
                    new HorizontalAnnotation { Value = budget.Available, Label = "available to functions" },
                    new HorizontalAnnotation { Value = budget.Required, Label = "budgeted (functions + margin)" },
                ],
                Width = 24,
            }));
        }

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            Widgets = [.. widgets.Select(w => new[] { w })],
        });
    }

    /// <summary>The topic every alarm notifies: subscribe the on-call address to it.</summary>
    public Topic AlarmTopic { get; }

    /// <summary>The dashboard.</summary>
    public Dashboard Dashboard { get; }

    /// <summary>
    /// A percentile of the sender's per-job permit waits: each governed invocation writes one sample per sent job
    /// (<see cref="SenderMetricNames.SendPermitWait"/>), so the percentile is over jobs; no samples without a governor.
    /// </summary>
    private static Metric PermitWait(BulkMailerFunction sender, string percentile, Duration period) => new(new MetricProps
    {
        Namespace = MaintenanceMetricNames.Namespace,
        MetricName = SenderMetricNames.SendPermitWait,
        DimensionsMap = new Dictionary<string, string> { [MaintenanceMetricNames.FunctionNameDimension] = sender.Function.FunctionName },
        Statistic = percentile,
        Period = period,
        Label = percentile,
    });

    private static Metric SesMetric(string name, string statistic, Duration period) => new(new MetricProps
    {
        Namespace = "AWS/SES",
        MetricName = name,
        Statistic = statistic,
        Period = period,
    });

    private void Add(string id, IMetric metric, double threshold, int evaluationPeriods, string description, TreatMissingData? missingData = null)
    {
        var alarm = new Alarm(this, id, new AlarmProps
        {
            Metric = metric,
            Threshold = threshold,
            EvaluationPeriods = evaluationPeriods,
            ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
            TreatMissingData = missingData ?? TreatMissingData.NOT_BREACHING,
            AlarmDescription = description,
        });
        alarm.AddAlarmAction(_notify);
    }
}
