using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

public sealed class ExistingDatabaseStackTests(ExistingDatabaseStack fixture) : IClassFixture<ExistingDatabaseStack>
{
    private readonly Template _t = fixture.Template;

    [Fact]
    public void No_database_or_vpc_is_created_for_an_existing_database()
    {
        _t.ResourceCountIs("AWS::RDS::DBInstance", 0);
        _t.ResourceCountIs("AWS::RDS::DBParameterGroup", 0);
        _t.ResourceCountIs("AWS::EC2::VPC", 0);
        // The one secret the stack creates is the unsubscribe signing key, never a database credential.
        _t.ResourceCountIs("AWS::SecretsManager::Secret", 1);
        _t.HasResourceProperties("AWS::SecretsManager::Secret", Match.ObjectLike(Obj(("Description", Match.StringLikeRegexp("^BulkMailer unsubscribe links")))));
    }

    [Fact]
    public void Functions_join_the_given_private_subnets_as_x86_64()
    {
        _t.AllResourcesProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Architectures", Arr("x86_64")),
            ("VpcConfig", Match.ObjectLike(Obj(("SubnetIds", Arr("subnet-0aaa", "subnet-0bbb"))))))));
    }

    [Fact]
    public void Functions_connect_to_the_proxy_with_the_existing_secret()
    {
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB", Obj(("Fn::Join", Arr("", Arr(
                    "Host=",
                    Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseProxy"), "Endpoint"))),
                    ";Port=5432;Database=bulkmailer;Username=bulkmailer;SSL Mode=VerifyFull"))))),
                ("BULKMAILER_DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bulkmailer-db-AbCdEf")))))))));
    }

    [Fact]
    public void Proxy_requires_tls_uses_sixty_percent_of_max_connections_and_is_the_only_client_of_the_database()
    {
        _t.HasResourceProperties("AWS::RDS::DBProxy", Match.ObjectLike(Obj(
            ("EngineFamily", "POSTGRESQL"),
            ("RequireTLS", true),
            ("VpcSubnetIds", Arr("subnet-0aaa", "subnet-0bbb")))));
        _t.HasResourceProperties("AWS::RDS::DBProxyTargetGroup", Match.ObjectLike(Obj(
            ("DBInstanceIdentifiers", Arr("shared-db")),
            ("ConnectionPoolConfigurationInfo", Match.ObjectLike(Obj(("MaxConnectionsPercent", 60)))))));
        _t.HasResourceProperties("AWS::EC2::SecurityGroupIngress", Obj(
            ("IpProtocol", "tcp"),
            ("FromPort", 5432),
            ("ToPort", 5432),
            ("Description", "BulkMailer RDS Proxy"),
            ("GroupId", "sg-0123456789abcdef0"),
            ("SourceSecurityGroupId", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseProxySecurityGroup"), "GroupId"))))));
        foreach (string function in new[] { "Sender", "Feedback" })
        {
            _t.HasResourceProperties("AWS::EC2::SecurityGroupIngress", Match.ObjectLike(Obj(
                ("Description", $"BulkMailer {function} function"),
                ("GroupId", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseProxySecurityGroup"), "GroupId")))),
                ("SourceSecurityGroupId", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp($"^{function}SecurityGroup"), "GroupId")))))));
        }
    }

    [Fact]
    public void Behind_the_proxy_every_function_including_the_migrator_logs_in_through_the_secret_and_verifies_the_proxy()
    {
        _t.ResourceCountIs("AWS::Lambda::Function", 5);
        _t.AllResourcesProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bulkmailer-db-AbCdEf"),
                ("BULKMAILER_DB_AUTH", Match.Absent()),
                ("BULKMAILER_DB_SSL_ROOT_CERT", "/var/task/rds-ca-bundle.pem")))))))));
        _t.HasResourceProperties("Custom::BulkMailerSchema", Match.ObjectLike(Obj(("MigrationsHash", Match.AnyValue()))));
        _t.AllResourcesProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("PolicyDocument", Match.ObjectLike(Obj(("Statement", Match.Not(Match.ArrayWith(Arr(Match.ObjectLike(Obj(("Action", "rds-db:connect")))))))))))));
    }

    [Fact]
    public void Envelope_delivery_is_used_when_raw_delivery_is_off()
    {
        _t.HasResourceProperties("AWS::SNS::Subscription", Obj(
            ("Protocol", "sqs"),
            ("RawMessageDelivery", false),
            ("TopicArn", Match.AnyValue()),
            ("Endpoint", Match.AnyValue())));
    }

    [Fact]
    public void Connections_alarm_watches_the_existing_instance_at_eighty_percent()
    {
        _t.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(Obj(
            ("MetricName", "DatabaseConnections"),
            ("Dimensions", Arr(Obj(("Name", "DBInstanceIdentifier"), ("Value", "shared-db")))),
            ("Threshold", 160))));
    }

    [Fact]
    public void Budget_behind_the_proxy_is_the_proxy_pool()
    {
        _t.HasOutput("BudgetRequired", Obj(("Value", "120")));
        _t.HasOutput("BudgetAvailable", Obj(("Value", "195")));
    }
}
