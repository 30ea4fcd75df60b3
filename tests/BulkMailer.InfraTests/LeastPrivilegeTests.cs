using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>The sender and feedback log in as the application role with IAM tokens; only the migrator holds the master login.</summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class LeastPrivilegeTests(NewDatabaseStack fixture)
{
    /// <summary><c>rds-db:connect</c> for the application role on this instance only (the grant names the instance's resource id).</summary>
    public static Dictionary<string, object> ConnectAsApplicationRole { get; } = Obj(
        ("Action", "rds-db:connect"),
        ("Effect", "Allow"),
        ("Resource", Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr(
            ":rds-db:",
            Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^DatabaseInstance"), "DbiResourceId"))),
            "/bulkmailer_app")))))));

    private readonly Template _t = fixture.Template;

    [Fact]
    public void The_instance_accepts_iam_authentication()
    {
        _t.HasResourceProperties("AWS::RDS::DBInstance", Match.ObjectLike(Obj(("EnableIAMDatabaseAuthentication", true))));
    }

    [Theory]
    [InlineData("Sender")]
    [InlineData("Feedback")]
    public void A_queue_function_may_connect_as_the_application_role_and_not_read_the_master_secret(string function)
    {
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp($"^{function}FunctionServiceRole"))))),
            ("PolicyDocument", Match.ObjectLike(Obj(("Statement", Match.ArrayWith(Arr(ConnectAsApplicationRole)))))))));
        _t.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", $"BulkMailer {function}"),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB_USER", "bulkmailer_app"),
                ("BULKMAILER_DB_AUTH", "iam"),
                ("BULKMAILER_DB_SECRET_ARN", Match.Absent())))))))));
    }

    [Fact]
    public void The_master_user_of_the_secret_logs_in_from_the_migrator_alone()
    {
        string master = fixture.Stack.Options.Database.Username;
        _t.HasResourceProperties("AWS::SecretsManager::Secret", Match.ObjectLike(Obj(
            ("GenerateSecretString", Match.ObjectLike(Obj(("SecretStringTemplate", $"{{\"username\":\"{master}\"}}")))))));

        var asMaster = _t.FindResources("AWS::Lambda::Function", Obj(("Properties", Match.ObjectLike(Obj(
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB", Obj(("Fn::Join", Arr("", Arr(Match.AnyValue(), Match.AnyValue(), Match.StringLikeRegexp($";Username={master};"))))))))))))))));

        Assert.StartsWith("SchemaMigratorFunction", Assert.Single(asMaster.Keys), StringComparison.Ordinal);
    }

    [Fact]
    public void The_migrator_may_not_connect_with_an_iam_token()
    {
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SchemaMigratorFunctionServiceRole"))))),
            ("PolicyDocument", Match.ObjectLike(Obj(("Statement", Match.Not(Match.ArrayWith(Arr(Match.ObjectLike(Obj(("Action", "rds-db:connect")))))))))))));
    }

    [Fact]
    public void Every_function_verifies_the_database_certificate_with_the_packaged_ca_bundle()
    {
        _t.AllResourcesProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_DB_SSL_ROOT_CERT", "/var/task/rds-ca-bundle.pem"),
                ("BULKMAILER_DB", Obj(("Fn::Join", Arr("", Arr(Match.AnyValue(), Match.AnyValue(), Match.StringLikeRegexp(";SSL Mode=VerifyFull$"))))))))))))));
    }

    [Fact]
    public void The_sender_may_change_the_visibility_of_its_own_queue_only()
    {
        _t.HasResourceProperties("AWS::IAM::Policy", Match.ObjectLike(Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SenderFunctionServiceRole"))))),
            ("PolicyDocument", Match.ObjectLike(Obj(("Statement", Match.ArrayWith(Arr(Obj(
                ("Action", Match.ArrayWith(Arr("sqs:ChangeMessageVisibility"))),
                ("Effect", "Allow"),
                ("Resource", Obj(("Fn::GetAtt", Arr(Match.StringLikeRegexp("^MailJobsQueue"), "Arn"))))))))))))));
    }
}
