using Amazon.CDK;
using Amazon.CDK.Assertions;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>
/// The maintenance function (docs/operators.md, Retention and the stuck-job alarm): an EventBridge schedule and nothing
/// else invokes it, one environment logged in as the maintenance role, the retention knob in its environment, the
/// stuck-job alarm on its metric, and its connection — with the unsubscribe function's — in the budget.
/// </summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class MaintenanceStackTests(NewDatabaseStack fixture)
{
    private static readonly object MaintenanceFunctionRef = Obj(("Ref", Match.StringLikeRegexp("^MaintenanceFunction")));
    private static readonly object MaintenanceFunctionArn = Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^MaintenanceFunction"), "Arn")));
    private readonly Template _t = fixture.Template;

    private static Template SynthFromContext(Dictionary<string, object> context)
    {
        var app = new App(new AppProps { Context = new Dictionary<string, object>(TestOptions.PlaceholderContext.Concat(context)) });
        return Template.FromStack(new BulkMailerStack(app, "BulkMailer", ContextOptions.Read(app.Node)));
    }

    [Fact]
    public void A_schedule_rule_runs_the_function_every_fifteen_minutes_without_retries()
    {
        _t.ResourceCountIs("AWS::Events::Rule", 1);
        _t.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(Obj(
            ("ScheduleExpression", "rate(15 minutes)"),
            ("State", "ENABLED"),
            ("Targets", Arr(Match.ObjectLike(Obj(("Arn", MaintenanceFunctionArn), ("RetryPolicy", Obj(("MaximumRetryAttempts", 0), ("MaximumEventAgeInSeconds", 900))))))))));
        _t.HasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.ObjectLike(Obj(
            ("FunctionName", MaintenanceFunctionRef), ("MaximumRetryAttempts", 0), ("MaximumEventAgeInSeconds", 900))));
    }

    [Fact]
    public void Only_eventbridge_may_invoke_it_and_only_from_that_rule()
    {
        _t.HasResourceProperties("AWS::Lambda::Permission", Obj(
            ("Action", "lambda:InvokeFunction"),
            ("FunctionName", MaintenanceFunctionArn),
            ("Principal", "events.amazonaws.com"),
            ("SourceArn", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^MaintenanceSchedule"), "Arn"))))));
        Assert.Single(_t.FindResources("AWS::Lambda::Permission", Obj(("Properties", Match.ObjectLike(Obj(("FunctionName", MaintenanceFunctionArn)))))));
        Assert.Empty(_t.FindResources("AWS::Lambda::EventSourceMapping", Obj(("Properties", Match.ObjectLike(Obj(("FunctionName", MaintenanceFunctionRef)))))));
    }

    [Fact]
    public void One_environment_logs_in_as_the_maintenance_role_with_the_default_retention_of_ninety_days()
    {
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Maintenance"),
            ("ReservedConcurrentExecutions", 1),
            ("Timeout", 60),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_EVENT_RETENTION_DAYS", "90"),
                ("BULKMAILER_DB_USER", "bulkmailer_maintenance"),
                ("BULKMAILER_DB_AUTH", "iam"),
                ("BULKMAILER_DB_SECRET_ARN", Match.Absent())))))))));
    }

    [Fact]
    public void Its_role_may_only_connect_as_the_maintenance_role()
    {
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^MaintenanceFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Arr(
                Obj(
                    ("Action", "rds-db:connect"),
                    ("Effect", "Allow"),
                    ("Resource", Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr(
                        Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseInstance"), "DbiResourceId"))),
                        "/bulkmailer_maintenance"))))))))))))));
    }

    [Fact]
    public void The_retention_and_schedule_knobs_of_cdk_json_reach_the_function_and_the_rule()
    {
        var t = SynthFromContext(new Dictionary<string, object>
        {
            [DeploymentContextKeys.MaintenanceEventRetentionDays] = 30,
            [DeploymentContextKeys.MaintenanceScheduleMinutes] = "5",
            [DeploymentContextKeys.AlarmStuckJobRuns] = 3,
        });

        t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Maintenance"),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(("BULKMAILER_EVENT_RETENTION_DAYS", "30")))))))));
        t.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(Obj(("ScheduleExpression", "rate(5 minutes)"))));
        t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(Obj(
            ("MetricName", "ExpiredSendingLeases"), ("EvaluationPeriods", 3), ("Period", 300))));
    }

    [Fact]
    public void The_stuck_job_alarm_fires_when_two_runs_in_a_row_see_an_expired_lease()
    {
        _t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(Obj(
            ("MetricName", "ExpiredSendingLeases"),
            ("Namespace", "BulkMailer"),
            ("Dimensions", Arr(Obj(("Name", "FunctionName"), ("Value", MaintenanceFunctionRef)))),
            ("Statistic", "Maximum"),
            ("Period", 900),
            ("EvaluationPeriods", 2),
            ("Threshold", 0),
            ("ComparisonOperator", "GreaterThanThreshold"),
            ("TreatMissingData", "ignore"),
            ("AlarmActions", Arr(Obj(("Ref", Match.StringLikeRegexp("^MonitoringAlarmTopic"))))))));
        _t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(Obj(
            ("MetricName", "Errors"),
            ("Namespace", "AWS/Lambda"),
            ("Dimensions", Arr(Obj(("Name", "FunctionName"), ("Value", MaintenanceFunctionRef)))))));
    }

    [Fact]
    public void The_dashboard_shows_stuck_jobs_the_retention_and_campaigns_found_by_search()
    {
        foreach (string shown in new[] { "Stuck jobs: expired sending leases", "Event retention: events pruned per run", "Campaign jobs bounced or complained", "SEARCH\\('\\{BulkMailer,CampaignId\\} MetricName=\\\\\"JobsBounced\\\\\"'" })
        {
            _t.HasResourceProperties("AWS::CloudWatch::Dashboard", Obj(("DashboardBody", Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr(Match.StringLikeRegexp(shown)))))))));
        }
    }

    [Fact]
    public void It_waits_for_the_schema_that_creates_its_role()
    {
        _t.HasResource("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Properties", Match.ObjectLike(Obj(("Description", "BulkMailer Maintenance")))),
            ("DependsOn", Match.ArrayWith(Arr(Match.StringLikeRegexp("^Schema[0-9A-F]{8}$")))))));
    }

    [Fact]
    public void The_budget_counts_one_maintenance_connection_and_the_unsubscribe_functions_two()
    {
        var functions = fixture.Stack.Budget.Functions.ToDictionary(f => f.Name);

        Assert.Equal((1, 1, 1L), (functions["maintenance"].Concurrency, functions["maintenance"].ConnectionsPerEnvironment, functions["maintenance"].Connections));
        Assert.Equal((2, 1, 2L), (functions["unsubscribe"].Concurrency, functions["unsubscribe"].ConnectionsPerEnvironment, functions["unsubscribe"].Connections));
        Assert.Equal(["sender", "feedback", "migrator", "unsubscribe", "maintenance"], functions.Keys);
    }
}
