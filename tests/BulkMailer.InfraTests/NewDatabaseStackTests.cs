using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

[Collection(NewDatabaseStackCollection.Name)]
public sealed class NewDatabaseStackTests(NewDatabaseStack fixture)
{
    private readonly Template _t = fixture.Template;

    [Fact]
    public void Both_queue_functions_are_provided_al2023_arm64_bootstrap_with_memory_timeout_and_reserved_concurrency()
    {
        // Sender, feedback, the migrator, unsubscribe and maintenance.
        _t.ResourceCountIs("AWS::Lambda::Function", 5);
        foreach ((int reserved, string description) in new[] { (20, "BulkMailer Sender"), (5, "BulkMailer Feedback") })
        {
            _t.HasResourceProperties("AWS::Lambda::Function", Obj(
                ("Description", description),
                ("Runtime", "provided.al2023"),
                ("Architectures", Arr("arm64")),
                ("Handler", "bootstrap"),
                ("MemorySize", 256),
                ("Timeout", 30),
                ("ReservedConcurrentExecutions", reserved)));
        }
    }

    [Fact]
    public void Sender_environment_follows_the_contract_and_carries_no_password()
    {
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("ReservedConcurrentExecutions", 20),
            ("Environment", Obj(("Variables", Obj(
                ("BULKMAILER_CONFIGURATION_SET", "bulkmailer-events"),
                ("BULKMAILER_ACCOUNT_SEND_RATE", "14"),
                ("BULKMAILER_HANDBACK_FIRST_DELAY_SECONDS", "180"),
                ("BULKMAILER_DB", Obj(("Fn::Join", Arr("", Arr(
                    "Host=",
                    Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseInstance"), "Endpoint.Address"))),
                    ";Port=5432;Database=bulkmailer;Username=bulkmailer_app;SSL Mode=VerifyFull"))))),
                ("BULKMAILER_DB_USER", "bulkmailer_app"),
                ("BULKMAILER_DB_AUTH", "iam"),
                ("BULKMAILER_DB_SSL_ROOT_CERT", "/var/task/rds-ca-bundle.pem"))))))));
    }

    [Fact]
    public void Only_the_migrator_and_the_readers_of_the_unsubscribe_key_get_the_parameters_and_secrets_extension_layer()
    {
        // The migrator reads the database secret; the sender and the unsubscribe function read the signing key.
        foreach (string description in new[] { "BulkMailer Migrator", "BulkMailer Sender", "BulkMailer Unsubscribe" })
        {
            _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
                ("Description", description),
                ("Layers", Arr(Obj(("Fn::FindInMap", Arr("ParamsandsecretslayerMap", Obj(("Ref", "AWS::Region")), "1x0x103xarm64"))))))));
        }
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(("Description", "BulkMailer Feedback"), ("Layers", Match.Absent()))));
    }

    [Fact]
    public void Functions_run_in_the_private_subnets_with_egress()
    {
        _t.AllResourcesProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("VpcConfig", Obj(
                ("SecurityGroupIds", Match.AnyValue()),
                ("SubnetIds", Arr(
                    Obj(("Ref", Match.StringLikeRegexp("^DatabaseVpcfunctionsSubnet1"))),
                    Obj(("Ref", Match.StringLikeRegexp("^DatabaseVpcfunctionsSubnet2"))))))))));
    }

    [Fact]
    public void Sender_mapping_has_batch_ten_no_window_max_concurrency_twenty_and_reports_item_failures()
    {
        _t.HasResourceProperties("AWS::Lambda::EventSourceMapping", Obj(
            ("EventSourceArn", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^MailJobsQueue"), "Arn")))),
            ("FunctionName", Obj(("Ref", Match.StringLikeRegexp("^SenderFunction")))),
            ("BatchSize", 10),
            ("MaximumBatchingWindowInSeconds", Match.Absent()),
            ("ScalingConfig", Obj(("MaximumConcurrency", 20))),
            ("FunctionResponseTypes", Arr("ReportBatchItemFailures"))));
    }

    [Fact]
    public void Feedback_mapping_has_batch_hundred_window_five_max_concurrency_five_and_reports_item_failures()
    {
        _t.HasResourceProperties("AWS::Lambda::EventSourceMapping", Obj(
            ("EventSourceArn", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^FeedbackEventsQueue"), "Arn")))),
            ("FunctionName", Obj(("Ref", Match.StringLikeRegexp("^FeedbackFunction")))),
            ("BatchSize", 100),
            ("MaximumBatchingWindowInSeconds", 5),
            ("ScalingConfig", Obj(("MaximumConcurrency", 5))),
            ("FunctionResponseTypes", Arr("ReportBatchItemFailures"))));
    }

    [Fact]
    public void Mail_jobs_queue_is_encrypted_with_visibility_six_times_the_timeout_and_redrives_after_five_receives()
    {
        _t.HasResourceProperties("AWS::SQS::Queue", Obj(
            ("SqsManagedSseEnabled", true),
            ("VisibilityTimeout", 180),
            ("RedrivePolicy", Obj(
                ("deadLetterTargetArn", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^MailJobsDeadLetterQueue"), "Arn")))),
                ("maxReceiveCount", 5)))));
        _t.HasResourceProperties("AWS::SQS::Queue", Obj(
            ("SqsManagedSseEnabled", true),
            ("VisibilityTimeout", 180),
            ("RedrivePolicy", Obj(
                ("deadLetterTargetArn", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^FeedbackEventsDeadLetterQueue"), "Arn")))),
                ("maxReceiveCount", 5)))));
    }

    [Fact]
    public void Every_queue_and_dead_letter_queue_is_encrypted()
    {
        _t.ResourceCountIs("AWS::SQS::Queue", 4);
        _t.AllResourcesProperties("AWS::SQS::Queue", Match.ObjectLike(Obj(("SqsManagedSseEnabled", true))));
        _t.HasResourceProperties("AWS::SQS::Queue", Obj(("SqsManagedSseEnabled", true), ("MessageRetentionPeriod", 1209600)));
    }

    [Fact]
    public void Feedback_queue_policy_admits_only_the_ses_events_topic()
    {
        _t.HasResourceProperties("AWS::SQS::QueuePolicy", Obj(
            ("Queues", Arr(Obj(("Ref", Match.StringLikeRegexp("^FeedbackEventsQueue"))))),
            ("PolicyDocument", Obj(
                ("Version", "2012-10-17"),
                ("Statement", Arr(
                    Obj(
                        ("Action", "sqs:*"),
                        ("Condition", Obj(("Bool", Obj(("aws:SecureTransport", "false"))))),
                        ("Effect", "Deny"),
                        ("Principal", Obj(("AWS", "*"))),
                        ("Resource", Match.AnyValue())),
                    Obj(
                        ("Action", "sqs:SendMessage"),
                        ("Condition", Obj(("ArnEquals", Obj(("aws:SourceArn", Obj(("Ref", Match.StringLikeRegexp("^SesEventsTopic")))))))),
                        ("Effect", "Allow"),
                        ("Principal", Obj(("Service", "sns.amazonaws.com"))),
                        ("Resource", Match.AnyValue()))))))));
    }

    [Fact]
    public void Topic_delivers_raw_ses_events_to_the_feedback_queue()
    {
        _t.ResourceCountIs("AWS::SNS::Subscription", 1);
        _t.HasResourceProperties("AWS::SNS::Subscription", Obj(
            ("Protocol", "sqs"),
            ("RawMessageDelivery", true),
            ("TopicArn", Obj(("Ref", Match.StringLikeRegexp("^SesEventsTopic")))),
            ("Endpoint", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^FeedbackEventsQueue"), "Arn"))))));
    }

    [Fact]
    public void Configuration_set_publishes_every_event_type_to_the_topic()
    {
        _t.HasResourceProperties("AWS::SES::ConfigurationSet", Obj(("Name", "bulkmailer-events")));
        _t.HasResourceProperties("AWS::SES::ConfigurationSetEventDestination", Obj(
            ("ConfigurationSetName", Obj(("Ref", Match.StringLikeRegexp("^SesConfigurationSet")))),
            ("EventDestination", Obj(
                ("Name", "bulkmailer-events-to-sns"),
                ("Enabled", true),
                ("MatchingEventTypes", Arr("send", "reject", "bounce", "complaint", "delivery", "open", "click", "renderingFailure", "deliveryDelay", "subscription")),
                ("SnsDestination", Obj(("TopicARN", Obj(("Ref", Match.StringLikeRegexp("^SesEventsTopic"))))))))));
    }

    [Fact]
    public void Ses_may_publish_to_the_topic_only_for_this_configuration_set()
    {
        _t.HasResourceProperties("AWS::SNS::TopicPolicy", Match.ObjectLike(Obj(("PolicyDocument", Obj(
            ("Version", "2012-10-17"),
            ("Statement", Arr(Match.ObjectLike(Obj(
                ("Action", "sns:Publish"),
                ("Effect", "Allow"),
                ("Principal", Obj(("Service", "ses.amazonaws.com"))),
                ("Condition", Obj(("StringEquals", Match.ObjectLike(Obj(("AWS:SourceArn", Match.AnyValue())))))))))))))));
    }

    [Fact]
    public void Email_identity_is_created_with_the_configuration_set()
    {
        _t.HasResourceProperties("AWS::SES::EmailIdentity", Obj(
            ("EmailIdentity", "acme.example"),
            ("ConfigurationSetAttributes", Obj(("ConfigurationSetName", Obj(("Ref", Match.StringLikeRegexp("^SesConfigurationSet"))))))));
    }

    [Fact]
    public void Sender_may_only_send_through_the_identity_the_configuration_set_and_its_templates()
    {
        static object SesArn(string resource) => Obj(("Fn::Join", Arr("", Arr(
            "arn:", Obj(("Ref", "AWS::Partition")), ":ses:", Obj(("Ref", "AWS::Region")), ":", Obj(("Ref", "AWS::AccountId")), ":" + resource))));

        _t.HasResourceProperties("AWS::IAM::Policy", Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SenderFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Match.ArrayWith(Arr(Obj(
                ("Sid", "SendThroughBulkMailerIdentityAndConfigurationSet"),
                ("Effect", "Allow"),
                ("Action", Arr("ses:SendEmail", "ses:SendBulkEmail")),
                ("Resource", Arr(SesArn("identity/acme.example"), SesArn("configuration-set/bulkmailer-events"), SesArn("template/bulkmailer-*"))))))))),
            ("PolicyName", Match.AnyValue())));
    }

    [Fact]
    public void Only_the_migrator_may_read_the_database_secret_and_the_feedback_function_may_not_send_mail()
    {
        var secretRead = Obj(
            ("Action", Arr("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret")),
            ("Effect", "Allow"),
            ("Resource", Obj(("Ref", Match.StringLikeRegexp("^DatabaseInstanceSecretAttachment")))));
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^FeedbackFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Arr(
                LeastPrivilegeTests.ConnectAsApplicationRole,
                Obj(
                    ("Action", Arr("sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes")),
                    ("Effect", "Allow"),
                    ("Resource", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^FeedbackEventsQueue"), "Arn"))))))))))));
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SchemaMigratorFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Arr(secretRead)))))));
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SenderFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Match.Not(Match.ArrayWith(Arr(secretRead)))))))));
    }

    [Fact]
    public void Parameter_group_reaps_dead_connections_requires_tls_and_pins_max_connections_to_the_budget()
    {
        _t.HasResourceProperties("AWS::RDS::DBParameterGroup", Obj(
            ("Family", "postgres16"),
            ("Description", Match.AnyValue()),
            ("Parameters", Obj(
                ("max_connections", "49"),
                ("idle_session_timeout", "300000"),
                ("tcp_keepalives_idle", "60"),
                ("tcp_keepalives_interval", "10"),
                ("tcp_keepalives_count", "3"),
                ("rds.force_ssl", "1")))));
    }

    [Fact]
    public void Database_is_a_private_encrypted_postgres_instance_of_the_configured_class_with_a_generated_secret()
    {
        _t.HasResourceProperties("AWS::RDS::DBInstance", Match.ObjectLike(Obj(
            ("DBInstanceClass", "db.t4g.medium"),
            ("Engine", "postgres"),
            ("DBName", "bulkmailer"),
            ("Port", "5432"),
            ("StorageEncrypted", true),
            ("PubliclyAccessible", false),
            ("MultiAZ", false),
            ("DBParameterGroupName", Obj(("Ref", Match.StringLikeRegexp("^DatabaseParameterGroup")))))));
        _t.HasResourceProperties("AWS::SecretsManager::Secret", Match.ObjectLike(Obj(
            ("GenerateSecretString", Match.ObjectLike(Obj(("SecretStringTemplate", "{\"username\":\"bulkmailer\"}")))))));
    }

    [Fact]
    public void Only_the_five_functions_are_admitted_to_the_database_port()
    {
        _t.HasResourceProperties("AWS::EC2::SecurityGroup", Match.ObjectLike(Obj(
            ("GroupDescription", Match.StringLikeRegexp("^BulkMailer database")),
            ("SecurityGroupIngress", Match.Absent()),
            ("SecurityGroupEgress", Arr(Match.ObjectLike(Obj(("CidrIp", "255.255.255.255/32"))))))));
        _t.ResourceCountIs("AWS::EC2::SecurityGroupIngress", 5);
        foreach ((string function, string group) in new[] { ("Sender", "Sender"), ("Feedback", "Feedback"), ("Migrator", "SchemaMigrator"), ("Unsubscribe", "Unsubscribe"), ("Maintenance", "Maintenance") })
        {
            _t.HasResourceProperties("AWS::EC2::SecurityGroupIngress", Obj(
                ("IpProtocol", "tcp"),
                ("FromPort", 5432),
                ("ToPort", 5432),
                ("Description", $"BulkMailer {function} function"),
                ("GroupId", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseDatabaseSecurityGroup"), "GroupId")))),
                ("SourceSecurityGroupId", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp($"^{group}SecurityGroup"), "GroupId"))))));
        }
    }

    [Theory]
    [InlineData("DatabaseConnections", "AWS/RDS", 39)]
    [InlineData("ApproximateNumberOfMessagesVisible", "AWS/SQS", 0)]
    [InlineData("Errors", "AWS/Lambda", 0)]
    [InlineData("Throttles", "AWS/Lambda", 0)]
    [InlineData("Reputation.BounceRate", "AWS/SES", 0.05)]
    [InlineData("Reputation.ComplaintRate", "AWS/SES", 0.001)]
    [InlineData("ApproximateAgeOfOldestMessage", "AWS/SQS", 900)]
    public void Alarm_fires_above_its_threshold_and_notifies_the_alarm_topic(string metric, string metricNamespace, double threshold)
    {
        _t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(Obj(
            ("MetricName", metric),
            ("Namespace", metricNamespace),
            ("Threshold", threshold),
            ("ComparisonOperator", "GreaterThanThreshold"),
            ("AlarmActions", Arr(Obj(("Ref", Match.StringLikeRegexp("^MonitoringAlarmTopic"))))))));
    }

    [Fact]
    public void Twelve_alarms_cover_connections_both_dlqs_both_functions_ses_reputation_queue_age_and_maintenance_and_a_dashboard_shows_them()
    {
        _t.ResourceCountIs("AWS::CloudWatch::Alarm", 12);
        _t.ResourceCountIs("AWS::CloudWatch::Dashboard", 1);
        foreach (string title in new[] { "Database connections against the budget", "SES sends per minute", "SES reputation", "Dead-letter queues", "Age of oldest mail job", "Function errors and throttles" })
        {
            _t.HasResourceProperties("AWS::CloudWatch::Dashboard", Obj(("DashboardBody", Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr(Match.StringLikeRegexp(title)))))))));
        }
    }

    [Fact]
    public void Stack_outputs_the_budget_exactly_at_the_limit()
    {
        _t.HasOutput("BudgetMaxConnections", Obj(("Value", "49")));
        _t.HasOutput("BudgetAvailable", Obj(("Value", "44")));
        _t.HasOutput("BudgetRequired", Obj(("Value", "44")));
        _t.HasOutput("BudgetHeadroom", Obj(("Value", "0")));
        _t.HasOutput("BudgetSummary", Obj(("Value", Match.StringLikeRegexp("^Within the connection budget with 0 to spare"))));
        Assert.True(fixture.Stack.Budget.WithinBudget);
    }

    [Fact]
    public void Unpublished_functions_synthesize_with_the_placeholder_and_a_warning()
    {
        Annotations.FromStack(fixture.Stack).HasWarning("/BulkMailer/Sender", Match.StringLikeRegexp("No bootstrap in .* \\(bulkmailer\\.sender\\.codePath\\)"));
        Annotations.FromStack(fixture.Stack).HasWarning("/BulkMailer/Feedback", Match.StringLikeRegexp("placeholder"));
        Annotations.FromStack(fixture.Stack).HasWarning("/BulkMailer/Schema/Migrator", Match.StringLikeRegexp("bulkmailer\\.migrator\\.codePath.*bulkmailer\\.allowPlaceholderCode = true"));
    }
}
